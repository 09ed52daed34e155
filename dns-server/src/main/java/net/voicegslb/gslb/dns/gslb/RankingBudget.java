package net.voicegslb.gslb.dns.gslb;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many rankings the event loops may still make right now: a token bucket of {@code perSecond}
 * tokens that holds one second's worth, shared by every loop. A ranking on the query path costs
 * microseconds and allocates; a burst of new clients would otherwise turn the DNS loops into the
 * policy's worker. Lock-free (one CAS on the virtual schedule, a generic cell rate algorithm), so
 * loops never wait for each other.
 */
final class RankingBudget {

    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long intervalNanos;
    private final long burstNanos;
    /** Theoretical arrival time of the next ranking, in nanos on the millisecond clock's scale. */
    private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);

    /** @param perSecond rankings per second; 0 means none on the query path at all */
    RankingBudget(int perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("rankings per second must be >= 0");
        }
        this.intervalNanos = perSecond == 0 ? Long.MAX_VALUE : NANOS_PER_SECOND / perSecond;
        this.burstNanos = NANOS_PER_SECOND;
    }

    /** Takes one ranking if the budget has it. */
    boolean tryTake(long nowMillis) {
        if (intervalNanos == Long.MAX_VALUE) {
            return false;
        }
        long now = nowMillis * NANOS_PER_MILLI;
        while (true) {
            long tat = next.get();
            long after = Math.max(tat, now) + intervalNanos;
            if (after - now > burstNanos) {
                return false; // a whole second's worth already taken
            }
            if (next.compareAndSet(tat, after)) {
                return true;
            }
        }
    }
}
