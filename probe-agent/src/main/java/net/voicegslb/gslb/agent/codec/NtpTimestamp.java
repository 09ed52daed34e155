package net.voicegslb.gslb.agent.codec;

/**
 * The 64-bit NTP timestamp format STAMP uses by default (RFC 8762 §4.2.1, RFC 5905 §6): 32 bits of
 * seconds since 1900-01-01 and 32 bits of binary fraction. Resolution ~0.23 ns; the era wraps in
 * 2036, which unsigned arithmetic on differences survives.
 */
public final class NtpTimestamp {

    /** Seconds from 1900-01-01 (NTP epoch) to 1970-01-01 (Unix epoch). */
    public static final long UNIX_TO_NTP_SECONDS = 2_208_988_800L;

    private NtpTimestamp() {
    }

    public static long fromEpochNanos(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        long nanos = Math.floorMod(epochNanos, 1_000_000_000L);
        long fraction = (nanos << 32) / 1_000_000_000L;
        return ((seconds + UNIX_TO_NTP_SECONDS) << 32) | fraction;
    }

    public static long toEpochNanos(long ntp) {
        long seconds = (ntp >>> 32) - UNIX_TO_NTP_SECONDS;
        long fraction = ntp & 0xFFFF_FFFFL;
        return seconds * 1_000_000_000L + ((fraction * 1_000_000_000L) >>> 32);
    }

    /** b − a in nanoseconds, for two timestamps less than 68 years apart (wrap-safe). */
    public static long differenceNanos(long a, long b) {
        long diff = b - a; // 32.32 fixed point, two's complement handles the era wrap
        long seconds = diff >> 32;
        long fraction = diff & 0xFFFF_FFFFL;
        return seconds * 1_000_000_000L + ((fraction * 1_000_000_000L) >>> 32);
    }
}
