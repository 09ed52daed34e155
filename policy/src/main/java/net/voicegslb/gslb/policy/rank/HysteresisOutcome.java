package net.voicegslb.gslb.policy.rank;

/**
 * What hysteresis did to one decision.
 *
 * @param kind             see {@link Kind}
 * @param current          site kept or chosen first
 * @param challenger       better-by-margin site waiting out the hold time, or null
 * @param challengerSinceMillis when the challenger started to lead by the margin
 * @param revisitAtMillis  when the decision may change without any new input, or Long.MAX_VALUE
 * @param note             one line for humans
 */
public record HysteresisOutcome(Kind kind, String current, String challenger, long challengerSinceMillis,
                                long revisitAtMillis, String note) {

    public enum Kind {
        /** First decision for this key (or the table is full): the best site is taken. */
        INITIAL,
        /** The current site is still the best. */
        STEADY,
        /** Another site scores higher, but not by the margin: the current site stays first. */
        HELD_WITHIN_MARGIN,
        /** A challenger leads by the margin but has not done so for the hold time yet. */
        CHALLENGER_PENDING,
        /** The challenger held its lead for the hold time and took over. */
        SWITCHED,
        /** The current site is no longer answerable; the best remaining site took over at once. */
        CURRENT_INELIGIBLE,
        /** Hysteresis does not apply (fail-open or a single candidate). */
        NOT_APPLIED
    }
}
