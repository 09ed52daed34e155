package net.voicegslb.gslb.policy.rank;

import java.util.List;
import net.voicegslb.gslb.policy.health.HealthState;
import net.voicegslb.gslb.policy.health.SiteHealth;
import net.voicegslb.gslb.policy.model.AdminState;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.model.Node;
import net.voicegslb.gslb.policy.model.RankingParameters;
import net.voicegslb.gslb.policy.model.Site;
import net.voicegslb.gslb.policy.quality.EModel;
import net.voicegslb.gslb.policy.store.MeasurementStore;
import net.voicegslb.gslb.policy.store.PathEstimate;
import net.voicegslb.gslb.policy.store.PrefixEntry;

/**
 * Scores one site for one client: finds the most specific evidence (exact prefix, covering prefix,
 * site aggregate, topology, configured order), predicts MOS with the E-model and applies the
 * evidence, capacity and health penalties. Eligibility is decided here too, so that a site's whole
 * verdict sits in one {@link RankedSite}.
 */
final class SiteScorer {
    private final EModel eModel;
    private final ScoringSettings scoring;
    private final MeasurementStore store;

    SiteScorer(EModel eModel, ScoringSettings scoring, MeasurementStore store) {
        this.eModel = eModel;
        this.scoring = scoring;
        this.store = store;
    }

    RankedSite score(Site site, int configuredIndex, SiteHealth health, ClientPrefix key, String clientRegion,
                     RankingParameters p, boolean home, long now) {
        Eligibility eligibility = eligibility(site, health, p);
        int idx = store.siteIndex(site.id());
        PrefixEntry entry = store.longestMatch(key, idx, now);
        EvidenceKind kind;
        PathEstimate path;
        double penalty;
        double mos;
        if (entry != null) {
            kind = entry.length() == key.length() ? EvidenceKind.EXACT_PREFIX : EvidenceKind.COVERING_PREFIX;
            path = store.estimate(entry, idx, now);
            penalty = kind == EvidenceKind.EXACT_PREFIX ? 0 : scoring.coveringPrefixPenaltyMos();
            mos = eModel.mos(path.rttMillis(), path.jitterMillis(), path.lossRatio(), p.codec());
        } else if ((path = store.siteAggregate(idx, now)) != null) {
            kind = EvidenceKind.SITE_AGGREGATE;
            penalty = scoring.aggregatePenaltyMos();
            mos = eModel.mos(path.rttMillis(), path.jitterMillis(), path.lossRatio(), p.codec());
        } else if (clientRegion != null && clientRegion.equals(site.region())) {
            kind = EvidenceKind.TOPOLOGY;
            penalty = 0;
            mos = scoring.topologyMatchMos();
        } else {
            kind = EvidenceKind.CONFIGURED_ORDER;
            penalty = 0;
            mos = scoring.unmeasuredMos();
        }
        double utilization = health == null ? 1 : health.utilization();
        double capacityPenalty = utilization <= p.nearFullUtilization() ? 0
                : p.nearFullPenaltyMos() * Math.min(1, (utilization - p.nearFullUtilization())
                / (p.fullUtilization() - p.nearFullUtilization()));
        double degradedPenalty = health != null && health.state() == HealthState.DEGRADED ? p.degradedPenaltyMos() : 0;
        double score = mos - penalty - capacityPenalty - degradedPenalty;
        List<Node> nodes = health == null ? List.of() : health.liveNodes();
        return new RankedSite(site, eligibility, health, nodes, kind, path, mos, penalty, capacityPenalty,
                degradedPenalty, home ? p.homeMarginMos() : 0, score, configuredIndex);
    }

    private static Eligibility eligibility(Site site, SiteHealth health, RankingParameters p) {
        if (site.adminState() == AdminState.DISABLED) {
            return Eligibility.EXCLUDED_DISABLED;
        }
        if (health == null || !health.serving()) {
            return Eligibility.EXCLUDED_DOWN;
        }
        if (health.utilization() >= p.fullUtilization()) {
            return Eligibility.EXCLUDED_FULL;
        }
        return site.adminState() == AdminState.DRAIN ? Eligibility.DRAINING : Eligibility.ELIGIBLE;
    }
}
