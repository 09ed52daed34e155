package net.voicegslb.gslb.policy.rank;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.voicegslb.gslb.policy.health.NodeStatus;
import net.voicegslb.gslb.policy.model.FailOpenRule;
import net.voicegslb.gslb.policy.model.Node;

/**
 * Picks the answer when no site is eligible. An empty answer would strand every phone and make
 * resolvers cache the failure; a possibly-dead address at least lets phones retry.
 * Administratively disabled sites stay out even here: the operator said so.
 */
final class FailOpen {
    /** Full sites are less bad than down ones: they at least answer SIP. */
    private static final Comparator<RankedSite> LEAST_BAD = Comparator
            .comparingInt((RankedSite s) -> s.eligibility() == Eligibility.EXCLUDED_FULL ? 0 : 1)
            .thenComparing(Ranker.ORDER);

    private FailOpen() {
    }

    record Result(List<RankedSite> answer, String note) {
    }

    static Result select(FailOpenRule rule, List<RankedSite> all) {
        List<RankedSite> candidates = new ArrayList<>();
        for (RankedSite s : all) {
            if (s.eligibility() != Eligibility.EXCLUDED_DISABLED) {
                candidates.add(withAllNodes(s));
            }
        }
        if (candidates.isEmpty()) {
            return new Result(List.of(), "every site of the service is administratively disabled: empty answer");
        }
        candidates.sort(LEAST_BAD);
        String prefix = "no site is eligible: failing open by rule " + rule + ": ";
        switch (rule) {
            case ALL:
                return new Result(candidates, prefix + "answering every site that is not disabled");
            case LEAST_BAD:
                return new Result(List.of(candidates.get(0)), prefix + "answering " + candidates.get(0).siteId());
            case LAST_KNOWN_GOOD:
            default:
                RankedSite lkg = null;
                for (RankedSite s : candidates) {
                    long up = s.health() == null ? Long.MIN_VALUE : s.health().lastUpMillis();
                    if (up != Long.MIN_VALUE && (lkg == null || up > lkg.health().lastUpMillis())) {
                        lkg = s;
                    }
                }
                if (lkg == null) {
                    return new Result(List.of(candidates.get(0)), prefix + "no site was ever seen up, so answering the "
                            + "least bad one, " + candidates.get(0).siteId());
                }
                return new Result(List.of(lkg), prefix + "answering " + lkg.siteId() + ", last seen up at "
                        + lkg.health().lastUpMillis());
        }
    }

    /** Down sites have no live nodes; failing open answers with every node the site has. */
    private static RankedSite withAllNodes(RankedSite s) {
        if (!s.nodes().isEmpty() || s.health() == null) {
            return s;
        }
        List<Node> nodes = new ArrayList<>();
        for (NodeStatus n : s.health().nodes()) {
            nodes.add(n.node());
        }
        return new RankedSite(s.site(), s.eligibility(), s.health(), List.copyOf(nodes), s.evidence(), s.path(),
                s.predictedMos(), s.evidencePenalty(), s.capacityPenalty(), s.degradedPenalty(), s.homeBonus(),
                s.score(), s.configuredIndex());
    }
}
