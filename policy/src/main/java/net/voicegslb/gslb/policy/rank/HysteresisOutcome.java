package net.voicegslb.gslb.policy.rank;

import java.util.Locale;
import net.voicegslb.gslb.policy.explain.HumanTime;

/**
 * What hysteresis did to one decision. Built on the DNS path, so it holds facts only; the sentence
 * for humans is made by {@link #describe(long)} when someone asks.
 *
 * @param kind                  see {@link Kind}
 * @param current               site kept or chosen first (null when not applied)
 * @param challenger            site that beat {@code current} (pending, switched-from or within margin), or null
 * @param challengerSinceMillis since when {@code current} has been beaten by the margin without a
 *                              break (by {@code challenger} or, earlier in the hold, another site)
 * @param revisitAtMillis       when the decision may change without any new input, or Long.MAX_VALUE
 * @param leadMos               best site's lead over the kept one (0 when they are the same)
 * @param marginMos             the margin in force
 * @param holdMillis            the hold time in force
 */
public record HysteresisOutcome(Kind kind, String current, String challenger, long challengerSinceMillis,
                                long revisitAtMillis, double leadMos, double marginMos, long holdMillis) {

    public enum Kind {
        /** First decision for this key (or the table is full): the best site is taken. */
        INITIAL,
        /** The current site is still the best. */
        STEADY,
        /** Another site scores higher, but not by the margin: the current site stays first. */
        HELD_WITHIN_MARGIN,
        /** A challenger leads by the margin, but the current site has not been beaten for the hold time yet. */
        CHALLENGER_PENDING,
        /** The current site was beaten by the margin for the hold time; the best site took over. */
        SWITCHED,
        /** The previous site is no longer answerable; the best remaining site took over at once. */
        CURRENT_INELIGIBLE,
        /** Hysteresis does not apply (fail-open). */
        NOT_APPLIED
    }

    /** The sentence for humans; {@code nowMillis} gives the times in it their age. */
    public String describe(long nowMillis) {
        return switch (kind) {
            case INITIAL -> "first decision for this client scope: " + current;
            case STEADY -> current + " is still the best site";
            case HELD_WITHIN_MARGIN -> f("%s leads %s by %.3f MOS, less than the %.3f margin: keeping %s",
                    challenger, current, leadMos, marginMos, current);
            case CHALLENGER_PENDING -> f("%s leads %s by %.3f MOS (>= %.3f); %s beaten by the margin since %s;"
                    + " switch due at %s if that holds", challenger, current, leadMos, marginMos, current,
                    HumanTime.instant(challengerSinceMillis, nowMillis), HumanTime.instant(revisitAtMillis, nowMillis));
            case SWITCHED -> f("%s was beaten by >= %.3f MOS since %s, longer than the %s hold: switched to %s,"
                    + " the best site now", challenger, marginMos, HumanTime.instant(challengerSinceMillis, nowMillis),
                    HumanTime.duration(holdMillis), current);
            case CURRENT_INELIGIBLE -> "previous site " + challenger + " is not answerable any more; switched to "
                    + current + " at once";
            case NOT_APPLIED -> "not applied: failing open";
        };
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
