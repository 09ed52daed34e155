package net.voicegslb.gslb.dns.admin;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import net.voicegslb.gslb.dns.dashboard.DashboardSession;
import net.voicegslb.gslb.dns.dashboard.Role;
import net.voicegslb.gslb.dns.dashboard.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use {@code /api/v1}: a request with an {@code Authorization} header is judged by the
 * bearer token alone; otherwise the dashboard's session cookie must name a live session, and a
 * request that changes anything must also carry that session's CSRF token in
 * {@value #CSRF_HEADER}, which a page on another origin can neither read nor send. The caller is
 * left in the routing context for the routes (who did it, may they).
 */
final class ApiAuth {

    private static final Logger LOG = LoggerFactory.getLogger(ApiAuth.class);
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final BearerAuth bearer;
    private final SessionStore sessions;
    private final String cookieName;

    ApiAuth(BearerAuth bearer, SessionStore sessions, String cookieName) {
        this.bearer = bearer;
        this.sessions = sessions;
        this.cookieName = cookieName;
    }

    void handle(RoutingContext ctx) {
        if (ctx.request().getHeader("Authorization") != null) {
            if (bearer.check(ctx)) {
                ctx.put(Caller.KEY, Caller.bearer());
                ctx.next();
            }
            return;
        }
        DashboardSession s = session(ctx);
        if (s == null) {
            bearer.check(ctx); // answers 401 and logs, as for a script without its token
            return;
        }
        HttpMethod m = ctx.request().method();
        if (m != HttpMethod.GET && m != HttpMethod.HEAD
                && !SessionStore.csrfMatches(s, ctx.request().getHeader(CSRF_HEADER))) {
            LOG.warn("admin request {} {} from {} by {} refused: missing or wrong CSRF token", m,
                    ctx.request().path(), ctx.request().remoteAddress(), s.user());
            ApiResponses.error(ctx, 403, "missing or wrong CSRF token (" + CSRF_HEADER + ")");
            return;
        }
        ctx.put(Caller.KEY, Caller.of(s));
        ctx.next();
    }

    /** The live session named by the request's cookie, or null. */
    DashboardSession session(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(cookieName);
        return c == null ? null : sessions.get(c.getValue());
    }

    /** The caller, after {@link #handle}. */
    static Caller caller(RoutingContext ctx) {
        Caller c = ctx.get(Caller.KEY);
        if (c == null) {
            throw new IllegalStateException("no caller: the route is not behind ApiAuth");
        }
        return c;
    }

    /** True when the caller's role includes {@code needed}; otherwise answers 403 and returns false. */
    static boolean require(RoutingContext ctx, Role needed, String what) {
        Caller c = caller(ctx);
        if (c.role().includes(needed)) {
            return true;
        }
        LOG.warn("admin request {} {} by {} refused: role {} may not {}", ctx.request().method(),
                ctx.request().path(), c.name(), c.role().word(), what);
        ApiResponses.error(ctx, 403, "role " + c.role().word() + " may not " + what + " (needs "
                + needed.word() + ")");
        return false;
    }
}
