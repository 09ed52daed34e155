package net.voicegslb.gslb.policy.rank;

/**
 * How much less-specific evidence is trusted. A site measured from the client's own prefix should
 * beat one known only by its average unless the average is clearly better, hence the penalties.
 *
 * @param coveringPrefixPenaltyMos subtracted when a covering prefix, not the client's own, was used
 * @param aggregatePenaltyMos      subtracted when only the site aggregate was available
 * @param topologyMatchMos         nominal score of an unmeasured site in the client's topology region
 * @param unmeasuredMos            nominal score of an unmeasured site otherwise
 */
public record ScoringSettings(double coveringPrefixPenaltyMos, double aggregatePenaltyMos, double topologyMatchMos,
                              double unmeasuredMos) {
    public ScoringSettings {
        if (!(coveringPrefixPenaltyMos >= 0) || !(aggregatePenaltyMos >= 0)
                || !(topologyMatchMos >= 1 && topologyMatchMos <= 4.5) || !(unmeasuredMos >= 1 && unmeasuredMos <= 4.5)) {
            throw new IllegalArgumentException("penalties must be >= 0 and nominal scores in [1, 4.5]");
        }
    }

    public static ScoringSettings defaults() {
        return new ScoringSettings(0.05, 0.25, 3.8, 3.0);
    }
}
