package net.voicegslb.gslb.pbx.auth;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed authentications per source address in one-minute windows. A source over the limit is
 * blocked until its window ends: password guessing becomes slow, and a phone with a wrong
 * password stops flooding the node. Memory is bounded by {@link #purge}.
 */
public final class AuthFailureLimiter {

    private static final long WINDOW_MILLIS = 60_000;

    private record Window(long start, int failures) {}

    private final int limit;
    private final LongSupplier clock;
    private final Map<InetAddress, Window> windows = new ConcurrentHashMap<>();

    public AuthFailureLimiter(int failuresPerMinute, LongSupplier clockMillis) {
        this.limit = failuresPerMinute;
        this.clock = clockMillis;
    }

    public boolean blocked(InetAddress source) {
        Window w = windows.get(source);
        return w != null && w.failures >= limit && clock.getAsLong() - w.start < WINDOW_MILLIS;
    }

    public void failed(InetAddress source) {
        long now = clock.getAsLong();
        windows.compute(source, (k, w) -> w == null || now - w.start >= WINDOW_MILLIS
                ? new Window(now, 1) : new Window(w.start, w.failures + 1));
    }

    public void purge() {
        long now = clock.getAsLong();
        windows.values().removeIf(w -> now - w.start >= WINDOW_MILLIS);
    }
}
