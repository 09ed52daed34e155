package net.voicegslb.gslb.dns.telemetry;

/**
 * At most one log line per interval for one noisy source, telling how many were held back, so a
 * misbehaving agent cannot flood the log. Pure; not thread-safe.
 */
final class LogThrottle {
    private final long intervalMillis;
    private long nextAllowed = Long.MIN_VALUE;
    private long suppressed;

    LogThrottle(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    /** -1 when this line should be dropped, otherwise how many were dropped since the last one. */
    long allow(long nowMillis) {
        if (nextAllowed != Long.MIN_VALUE && nowMillis < nextAllowed) {
            suppressed++;
            return -1;
        }
        nextAllowed = nowMillis + intervalMillis;
        long dropped = suppressed;
        suppressed = 0;
        return dropped;
    }
}
