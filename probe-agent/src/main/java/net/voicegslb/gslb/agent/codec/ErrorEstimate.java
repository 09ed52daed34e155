package net.voicegslb.gslb.agent.codec;

/**
 * The 16-bit Error Estimate of RFC 4656 §4.1.2 that STAMP reuses (RFC 8762 §4.2.1):
 * S (clock synchronised to UTC) | Z (0 = NTP, 1 = PTP timestamp format) | Scale (6 bits) |
 * Multiplier (8 bits); error = Multiplier × 2^(Scale − 32) seconds. Multiplier 0 is invalid.
 */
public final class ErrorEstimate {

    /**
     * What this agent sends: not synchronised (we cannot know), NTP format, 1 × 2^(22−32) s ≈ 1 ms,
     * an honest bound for a JVM timestamp taken in user space.
     */
    public static final int AGENT_DEFAULT = encode(false, false, 22, 1);

    private ErrorEstimate() {
    }

    public static int encode(boolean synced, boolean ptp, int scale, int multiplier) {
        if (scale < 0 || scale > 63 || multiplier < 1 || multiplier > 255) {
            throw new IllegalArgumentException("scale 0..63 and multiplier 1..255 required");
        }
        return (synced ? 0x8000 : 0) | (ptp ? 0x4000 : 0) | (scale << 8) | multiplier;
    }

    public static boolean ptp(int estimate) {
        return (estimate & 0x4000) != 0;
    }

    public static double seconds(int estimate) {
        int scale = (estimate >>> 8) & 0x3F;
        int multiplier = estimate & 0xFF;
        return multiplier * Math.pow(2, scale - 32);
    }
}
