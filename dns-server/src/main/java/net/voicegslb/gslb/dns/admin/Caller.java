package net.voicegslb.gslb.dns.admin;

import net.voicegslb.gslb.dns.dashboard.DashboardSession;
import net.voicegslb.gslb.dns.dashboard.Role;

/**
 * Who made an {@code /api/v1} request: a script with the bearer token (recorded as {@code api},
 * with every right) or a dashboard user through a session.
 *
 * @param session null for the bearer token
 */
public record Caller(String name, Role role, DashboardSession session) {

    static final String KEY = "gslb.caller";

    static Caller bearer() {
        return new Caller(SiteActionRoutes.TOKEN_ACTOR, Role.ADMIN, null);
    }

    static Caller of(DashboardSession s) {
        return new Caller(s.user(), s.role(), s);
    }
}
