package net.voicegslb.gslb.dns.telemetry;

/**
 * Counts an agent's protocol violations over a sliding window and says when they are too many:
 * more than {@code limit} within {@code windowMillis}. Pure, on a caller-supplied monotonic clock;
 * not thread-safe (one per connection, on its event loop).
 */
final class ViolationWindow {
    private final long[] times; // ring of the last limit + 1 violation times
    private final long windowMillis;
    private int next;
    private long count;

    ViolationWindow(int limit, long windowMillis) {
        if (limit < 1 || windowMillis <= 0) {
            throw new IllegalArgumentException("limit >= 1 and window > 0 required");
        }
        this.times = new long[limit + 1];
        this.windowMillis = windowMillis;
    }

    /** Records one violation; true when it is the one too many. */
    boolean record(long nowMillis) {
        times[next] = nowMillis;
        next = (next + 1) % times.length;
        count++;
        // times[next] is now the oldest of the last limit + 1 violations.
        return count >= times.length && nowMillis - times[next] < windowMillis;
    }
}
