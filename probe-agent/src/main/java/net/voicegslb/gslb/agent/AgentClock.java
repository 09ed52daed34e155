package net.voicegslb.gslb.agent;

/**
 * The agent's only source of time, injected everywhere so tests control it. {@link #nanos()} is
 * monotonic and used for intervals and RTTs; {@link #epochNanos()} is wall time for STAMP
 * timestamps and telemetry sent-at fields.
 */
public interface AgentClock {

    /** Monotonic nanoseconds, arbitrary origin. */
    long nanos();

    /** Wall-clock nanoseconds since 1970. */
    long epochNanos();

    default long epochMillis() {
        return epochNanos() / 1_000_000L;
    }

    /**
     * Wall time read once at start, advanced by the monotonic clock: nanosecond resolution and no
     * steps when NTP slews the system clock during a measurement.
     */
    static AgentClock system() {
        long baseNanos = System.nanoTime();
        java.time.Instant now = java.time.Instant.now();
        long baseEpoch = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        return new AgentClock() {
            @Override
            public long nanos() {
                return System.nanoTime();
            }

            @Override
            public long epochNanos() {
                return baseEpoch + (System.nanoTime() - baseNanos);
            }
        };
    }
}
