package net.voicegslb.gslb.dns.dashboard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.LongSupplier;

/**
 * The dashboard's sessions, in memory and bounded: at most {@link #MAX_SESSIONS} (the oldest
 * unused go first), each ending after {@code idle} without a request and at the latest
 * {@code lifetime} after login. An open page's live stream counts as use, so a NOC wall screen
 * stays logged in for the lifetime while a closed browser's session ends within the idle time. A
 * restart logs everyone out, which is acceptable for a NOC page.
 */
public final class SessionStore {

    public static final int MAX_SESSIONS = 10_000;
    public static final Duration DEFAULT_IDLE = Duration.ofHours(1);
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);

    private final SecureRandom random = new SecureRandom();
    private final Cache<String, DashboardSession> sessions;
    private final Duration lifetime;
    private final LongSupplier clock;

    public SessionStore(Duration idle, Duration lifetime, LongSupplier clock) {
        this.lifetime = lifetime;
        this.clock = clock;
        this.sessions = Caffeine.newBuilder().maximumSize(MAX_SESSIONS).expireAfterAccess(idle).build();
    }

    public SessionStore() {
        this(DEFAULT_IDLE, DEFAULT_LIFETIME, System::currentTimeMillis);
    }

    public DashboardSession create(DashboardUser user) {
        long now = clock.getAsLong();
        DashboardSession s = new DashboardSession(token(), user.name(), user.role(), token(), now,
                now + lifetime.toMillis());
        sessions.put(s.id(), s);
        return s;
    }

    /** The live session with this id, or null (unknown, idle too long, or past its lifetime). */
    public DashboardSession get(String id) {
        if (id == null || id.length() > 100) {
            return null;
        }
        DashboardSession s = sessions.getIfPresent(id);
        if (s != null && clock.getAsLong() >= s.expiresMillis()) {
            sessions.invalidate(id);
            return null;
        }
        return s;
    }

    public void end(String id) {
        if (id != null) {
            sessions.invalidate(id);
        }
    }

    /**
     * After a reload: a session whose user is gone or whose role changed ends, so that taking a
     * role away takes effect at once.
     */
    public void retain(DashboardUsers users) {
        sessions.asMap().values().removeIf(s -> {
            DashboardUser u = users.get(s.user());
            return u == null || u.role() != s.role();
        });
    }

    public long size() {
        sessions.cleanUp();
        return sessions.estimatedSize();
    }

    /** Whether {@code given} is this session's CSRF token, compared in constant time. */
    public static boolean csrfMatches(DashboardSession s, String given) {
        return given != null && MessageDigest.isEqual(s.csrfToken().getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
