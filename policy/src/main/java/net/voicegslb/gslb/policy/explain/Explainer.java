package net.voicegslb.gslb.policy.explain;

import java.util.ArrayList;
import java.util.List;
import net.voicegslb.gslb.policy.health.HealthState;
import net.voicegslb.gslb.policy.health.NodeStatus;
import net.voicegslb.gslb.policy.health.SiteHealth;
import net.voicegslb.gslb.policy.quality.CallQuality;
import net.voicegslb.gslb.policy.quality.Codec;
import net.voicegslb.gslb.policy.quality.EModel;
import net.voicegslb.gslb.policy.rank.RankedSite;
import net.voicegslb.gslb.policy.rank.Ranking;
import net.voicegslb.gslb.policy.store.PathEstimate;

/**
 * Turns a {@link Ranking} into an {@link Explanation}. Kept off the hot path: the ranking carries
 * only the inputs, and the E-model breakdown is recomputed here from them (it is deterministic).
 */
public final class Explainer {
    private final EModel eModel;

    public Explainer(EModel eModel) {
        this.eModel = eModel;
    }

    public Explanation explain(Ranking ranking, Codec codec) {
        List<SiteExplanation> sites = new ArrayList<>();
        int position = 1;
        for (RankedSite s : ranking.answer()) {
            sites.add(site(ranking, s, position++, codec));
        }
        for (RankedSite s : ranking.notAnswered()) {
            sites.add(site(ranking, s, 0, codec));
        }
        return new Explanation(ranking.service(), ranking.tenant(), ranking.clientKey().toString(),
                ranking.scopePrefixLength(), ranking.dependsOnClient(), ranking.atMillis(), ranking.generation(),
                codec.displayName(), ranking.failOpen(), ranking.drainedOnly(), ranking.hysteresis(), ranking.notes(),
                sites);
    }

    private SiteExplanation site(Ranking ranking, RankedSite s, int position, Codec codec) {
        SiteHealth h = s.health();
        List<NodeLine> nodes = new ArrayList<>();
        if (h != null) {
            for (NodeStatus n : h.nodes()) {
                nodes.add(new NodeLine(n.node().id(), n.state(), n.reason(), n.sinceMillis(),
                        List.copyOf(n.transports().values())));
            }
        }
        PathEstimate p = s.path();
        CallQuality q = p == null ? null : eModel.assess(p.rttMillis(), p.jitterMillis(), p.lossRatio(), codec);
        return new SiteExplanation(s.siteId(), s.site().region(), position, s.eligibility(), s.site().adminState(),
                h == null ? HealthState.DOWN : h.state(), nodes, h == null ? 1 : h.utilization(),
                h == null ? 0 : h.healthyCapacityCalls(), s.evidence(),
                p == null || p.matchedLength() < 0 ? null : p.matched(ranking.clientKey()).toString(),
                p == null ? Double.NaN : p.rttMillis(), p == null ? Double.NaN : p.jitterMillis(),
                p == null ? Double.NaN : p.lossRatio(), p == null ? 0 : p.effectiveSamples(),
                p == null ? -1 : p.ageMillis(), q, s.predictedMos(), s.evidencePenalty(), s.capacityPenalty(),
                s.degradedPenalty(), s.homeBonus(), s.score());
    }
}
