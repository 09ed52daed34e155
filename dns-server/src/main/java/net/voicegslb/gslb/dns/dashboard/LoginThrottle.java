package net.voicegslb.gslb.dns.dashboard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slows password guessing: after {@link #PER_USER_AND_SOURCE} failed logins for one name from one
 * address, or {@link #PER_SOURCE} from one address for any names, within {@link #WINDOW}, that
 * source is refused until the window has passed. Keyed by the source and the name, so one address
 * guessing cannot lock a user out from elsewhere. Both maps are bounded; keys come from whoever
 * connects.
 */
public final class LoginThrottle {

    public static final int PER_USER_AND_SOURCE = 5;
    public static final int PER_SOURCE = 20;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_KEYS = 100_000;

    private final Cache<String, AtomicInteger> bySource;
    private final Cache<String, AtomicInteger> byUserAndSource;

    public LoginThrottle() {
        this(WINDOW);
    }

    LoginThrottle(Duration window) {
        bySource = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterWrite(window).build();
        byUserAndSource = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterWrite(window).build();
    }

    /** Whether a login from {@code source} for {@code user} may be tried now. */
    public boolean allows(String source, String user) {
        return count(bySource, source) < PER_SOURCE && count(byUserAndSource, key(source, user)) < PER_USER_AND_SOURCE;
    }

    public void failed(String source, String user) {
        bySource.get(source, k -> new AtomicInteger()).incrementAndGet();
        byUserAndSource.get(key(source, user), k -> new AtomicInteger()).incrementAndGet();
    }

    public void succeeded(String source, String user) {
        byUserAndSource.invalidate(key(source, user));
    }

    private static int count(Cache<String, AtomicInteger> c, String key) {
        AtomicInteger n = c.getIfPresent(key);
        return n == null ? 0 : n.get();
    }

    private static String key(String source, String user) {
        return source + "\n" + (user == null ? "" : user);
    }
}
