package net.voicegslb.gslb.policy.explain;

import java.util.List;
import net.voicegslb.gslb.policy.health.HealthState;
import net.voicegslb.gslb.policy.model.AdminState;
import net.voicegslb.gslb.policy.quality.CallQuality;
import net.voicegslb.gslb.policy.rank.Eligibility;
import net.voicegslb.gslb.policy.rank.EvidenceKind;

/**
 * Everything that went into one site's verdict.
 *
 * @param position       1-based place in the answer, 0 when not answered
 * @param matchedPrefix  stored prefix whose measurements were used, null otherwise
 * @param quality        E-model breakdown, null when no measurement was available
 */
public record SiteExplanation(String siteId, String region, int position, Eligibility eligibility,
                              AdminState adminState, HealthState health, List<NodeLine> nodes, double utilization,
                              double healthyCapacityCalls, EvidenceKind evidence, String matchedPrefix,
                              double rttMillis, double jitterMillis, double lossRatio, double effectiveSamples,
                              long ageMillis, CallQuality quality, double predictedMos, double evidencePenalty,
                              double capacityPenalty, double degradedPenalty, double homeBonus, double score) {
    public SiteExplanation {
        nodes = List.copyOf(nodes);
    }
}
