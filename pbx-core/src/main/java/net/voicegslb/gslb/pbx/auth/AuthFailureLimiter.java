package net.voicegslb.gslb.pbx.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Failed authentications per (source address, user name) in one-minute windows. A pair over the
 * limit is blocked until its window ends: guessing one user's password becomes slow, and a phone
 * with a wrong password stops flooding the node. Keyed by the pair, not the address alone, so that
 * a guesser (or a phone with a stale password) behind a shared NAT does not lock out the other
 * users behind it; and the caller counts a failure only for a request that carried a nonce we
 * issued to that address, so a forged source address cannot lock anyone out.
 *
 * <p>At most {@code auth.max_tracked_failures} pairs are tracked; past that the least recently
 * failing give way, which only makes a flood of distinct names forget its own earlier pairs.
 */
public final class AuthFailureLimiter {

    /** The default of {@code auth.max_tracked_failures}. */
    public static final int DEFAULT_MAX_TRACKED = 100_000;

    private static final long WINDOW_MILLIS = 60_000;

    private record Key(InetAddress source, String user) {}

    private record Window(long start, int failures) {}

    private final int limit;
    private final LongSupplier clock;
    private final Cache<Key, Window> windows;
    private final LongAdder evicted = new LongAdder();

    public AuthFailureLimiter(int failuresPerMinute, LongSupplier clockMillis) {
        this(failuresPerMinute, DEFAULT_MAX_TRACKED, clockMillis);
    }

    public AuthFailureLimiter(int failuresPerMinute, int maxTracked, LongSupplier clockMillis) {
        this.limit = failuresPerMinute;
        this.clock = clockMillis;
        this.windows = Caffeine.newBuilder()
                .maximumSize(maxTracked)
                .expireAfterWrite(WINDOW_MILLIS, TimeUnit.MILLISECONDS)
                .ticker(() -> clockMillis.getAsLong() * 1_000_000L)
                .executor(Runnable::run)
                .<Key, Window>evictionListener((k, w, cause) -> {
                    if (cause == RemovalCause.SIZE) {
                        evicted.increment();
                    }
                })
                .build();
    }

    public boolean blocked(InetAddress source, String user) {
        Window w = windows.getIfPresent(new Key(source, user));
        return w != null && w.failures >= limit && clock.getAsLong() - w.start < WINDOW_MILLIS;
    }

    public void failed(InetAddress source, String user) {
        long now = clock.getAsLong();
        windows.asMap().compute(new Key(source, user), (k, w) -> w == null || now - w.start >= WINDOW_MILLIS
                ? new Window(now, 1) : new Window(w.start, w.failures + 1));
    }

    public void purge() {
        windows.cleanUp();
    }

    public long tracked() {
        return windows.estimatedSize();
    }

    /** Pairs forgotten because the table was full ({@code auth.max_tracked_failures}). */
    public long evictions() {
        return evicted.sum();
    }
}
