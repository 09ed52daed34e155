package net.voicegslb.gslb.agent.probe;

/**
 * How much the STAMP reflector answers: per source address, in total, and how many source
 * addresses it tracks at once. Bursts are a tenth of a second's worth (at least one packet), so a
 * sender pacing evenly at the rate is never refused.
 *
 * @param sourceRate packets per second answered to one source address ({@code stamp.reflector_source_rate})
 * @param maxRate    packets per second answered in total ({@code stamp.reflector_max_rate})
 * @param maxSources source addresses tracked at once ({@code stamp.reflector_max_sources})
 */
public record ReflectorLimits(double sourceRate, double maxRate, int maxSources) {

    /**
     * 100/s per source covers the busiest usual STAMP/TWAMP-light session (one packet per 20 ms
     * voice frame is 50/s) with room to spare; 2,000/s in total keeps the reflector's reply traffic
     * under 1 Mbit/s of 44-octet packets, a side job for a PBX node.
     */
    public static final ReflectorLimits DEFAULTS = new ReflectorLimits(100, 2_000, 10_000);

    public ReflectorLimits {
        if (!(sourceRate > 0) || !(maxRate > 0) || maxSources < 1) {
            throw new IllegalArgumentException("reflector limits must be positive: " + sourceRate + ", " + maxRate
                    + ", " + maxSources);
        }
    }

    double sourceBurst() {
        return Math.max(1, sourceRate / 10);
    }

    double globalBurst() {
        return Math.max(1, maxRate / 10);
    }
}
