package net.voicegslb.gslb.policy.quality;

/**
 * Non-network inputs of the simplified E-model.
 *
 * @param jitterBufferFactor the receiver's jitter buffer is modelled as this many times the mean
 *                           jitter (RFC 3550 interarrival jitter), a common adaptive-buffer target
 * @param extraDelayMillis   fixed one-way delay outside the network and codec (access, DSP)
 * @param burstRatio         BurstR of G.107; 1 = random loss, what our per-prefix averages can tell
 */
public record EModelSettings(double jitterBufferFactor, double extraDelayMillis, double burstRatio) {
    public EModelSettings {
        if (!(jitterBufferFactor >= 0) || !(extraDelayMillis >= 0) || !(burstRatio >= 1)) {
            throw new IllegalArgumentException("need jitterBufferFactor >= 0, extraDelayMillis >= 0, burstRatio >= 1");
        }
    }

    public static EModelSettings defaults() {
        return new EModelSettings(2.0, 0.0, 1.0);
    }
}
