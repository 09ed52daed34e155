package net.voicegslb.gslb.policy.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.voicegslb.gslb.policy.quality.Codec;

/**
 * Per-service knobs of the ranking. Defaults are in {@link #defaults()} so they are visible in one
 * place; {@link #validate()} reports every problem at once rather than the first one.
 *
 * @param codec                 codec assumed when predicting call quality
 * @param hysteresisMarginMos   a challenger must beat the current best site by this much ...
 * @param holdMillis            ... continuously for this long before the answer moves
 * @param homeMarginMos         a tenant's home site stays first unless worse by more than this
 * @param nearFullUtilization   from this utilization on a site is down-weighted ...
 * @param fullUtilization       ... and from this one it is excluded
 * @param nearFullPenaltyMos    penalty reached just below {@code fullUtilization}
 * @param degradedPenaltyMos    penalty for a site whose nodes report themselves degraded
 * @param failOpen              answer when nothing is eligible
 */
public record RankingParameters(Codec codec, double hysteresisMarginMos, long holdMillis, double homeMarginMos,
                                double nearFullUtilization, double fullUtilization, double nearFullPenaltyMos,
                                double degradedPenaltyMos, FailOpenRule failOpen) {

    public RankingParameters {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(failOpen, "failOpen");
        List<String> errors = problems(hysteresisMarginMos, holdMillis, homeMarginMos, nearFullUtilization,
                fullUtilization, nearFullPenaltyMos, degradedPenaltyMos);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid ranking parameters: " + String.join("; ", errors));
        }
    }

    public static RankingParameters defaults() {
        return new RankingParameters(Codec.G711_PLC, 0.1, 10_000, 0.3, 0.85, 0.98, 0.5, 0.3,
                FailOpenRule.LAST_KNOWN_GOOD);
    }

    public RankingParameters withFailOpen(FailOpenRule rule) {
        return new RankingParameters(codec, hysteresisMarginMos, holdMillis, homeMarginMos, nearFullUtilization,
                fullUtilization, nearFullPenaltyMos, degradedPenaltyMos, rule);
    }

    public RankingParameters withHysteresis(double marginMos, long hold) {
        return new RankingParameters(codec, marginMos, hold, homeMarginMos, nearFullUtilization,
                fullUtilization, nearFullPenaltyMos, degradedPenaltyMos, failOpen);
    }

    public RankingParameters withCodec(Codec newCodec) {
        return new RankingParameters(newCodec, hysteresisMarginMos, holdMillis, homeMarginMos, nearFullUtilization,
                fullUtilization, nearFullPenaltyMos, degradedPenaltyMos, failOpen);
    }

    private static List<String> problems(double margin, long hold, double home, double nearFull, double full,
                                         double nearFullPenalty, double degradedPenalty) {
        List<String> errors = new ArrayList<>();
        if (!(margin >= 0 && margin <= 4)) {
            errors.add("hysteresisMarginMos must be in [0, 4], was " + margin);
        }
        if (hold < 0) {
            errors.add("holdMillis must be >= 0, was " + hold);
        }
        if (!(home >= 0 && home <= 4)) {
            errors.add("homeMarginMos must be in [0, 4], was " + home);
        }
        if (!(nearFull > 0 && nearFull < full && full <= 1)) {
            errors.add("need 0 < nearFullUtilization < fullUtilization <= 1, was " + nearFull + " and " + full);
        }
        if (!(nearFullPenalty >= 0) || !(degradedPenalty >= 0)) {
            errors.add("penalties must be >= 0");
        }
        return errors;
    }
}
