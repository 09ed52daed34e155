package net.voicegslb.gslb.policy.rank;

import java.util.List;
import net.voicegslb.gslb.policy.health.SiteHealth;
import net.voicegslb.gslb.policy.model.Node;
import net.voicegslb.gslb.policy.model.Site;
import net.voicegslb.gslb.policy.store.PathEstimate;

/**
 * One site's place in a ranking with the evidence behind it.
 *
 * @param nodes           addresses to answer with: serving nodes, or every node when failing open
 * @param predictedMos    E-model MOS from the path estimate (or the nominal score without one)
 * @param score           predictedMos minus penalties: what the ranking compares (plus homeBonus)
 * @param path            the path estimate used, null for topology / configured order
 * @param configuredIndex position in the service pool, the last tie-breaker
 */
public record RankedSite(Site site, Eligibility eligibility, SiteHealth health, List<Node> nodes,
                         EvidenceKind evidence, PathEstimate path, double predictedMos, double evidencePenalty,
                         double capacityPenalty, double degradedPenalty, double homeBonus, double score,
                         int configuredIndex) {

    /** What ordering uses: the score plus any tenant home bonus. */
    public double sortScore() {
        return score + homeBonus;
    }

    public String siteId() {
        return site.id();
    }
}
