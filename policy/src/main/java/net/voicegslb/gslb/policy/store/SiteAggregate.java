package net.voicegslb.gslb.policy.store;

/**
 * Site-wide average over every client prefix measured from a site: the fallback for clients that
 * nobody has measured yet. Immutable; replaced on each update.
 */
public record SiteAggregate(double rttMillis, double jitterMillis, double lossRatio, double weight,
                            long updatedMillis) {

    static final SiteAggregate NONE = new SiteAggregate(0, 0, 0, 0, Long.MIN_VALUE);

    boolean present() {
        return weight > 0;
    }

    SiteAggregate with(double rtt, double jitter, double loss, int samples, long nowMillis, long halfLifeMillis,
                       double maxWeight) {
        if (!present()) {
            return new SiteAggregate(rtt, jitter, loss, samples, nowMillis);
        }
        double h = DecayingAverage.historyWeight(weight, nowMillis - updatedMillis, halfLifeMillis, maxWeight);
        return new SiteAggregate(DecayingAverage.fold(rttMillis, h, rtt, samples),
                DecayingAverage.fold(jitterMillis, h, jitter, samples),
                DecayingAverage.fold(lossRatio, h, loss, samples), h + samples, Math.max(updatedMillis, nowMillis));
    }
}
