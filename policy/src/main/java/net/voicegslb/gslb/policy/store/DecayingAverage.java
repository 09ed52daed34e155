package net.voicegslb.gslb.policy.store;

/**
 * The folding rule shared by prefix entries and site aggregates: an exponentially weighted average
 * whose history weight decays with age (half-life) and is capped, so that a batch of n fresh
 * samples always moves the mean by at least n / (n + cap) — a real change shows within one report,
 * while noise is still averaged over about cap samples.
 */
final class DecayingAverage {
    private DecayingAverage() {
    }

    /** Weight of history {@code ageMillis} after it was last updated. */
    static double decayedWeight(double weight, long ageMillis, long halfLifeMillis) {
        if (ageMillis <= 0) {
            return weight;
        }
        return weight * Math.pow(0.5, (double) ageMillis / halfLifeMillis);
    }

    /** History weight that competes with a new batch. */
    static double historyWeight(double weight, long ageMillis, long halfLifeMillis, double maxWeight) {
        return Math.min(decayedWeight(weight, ageMillis, halfLifeMillis), maxWeight);
    }

    static double fold(double oldMean, double history, double newMean, int samples) {
        return oldMean + (newMean - oldMean) * samples / (history + samples);
    }
}
