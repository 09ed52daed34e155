package net.voicegslb.gslb.dns.admin;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import net.voicegslb.gslb.dns.dashboard.Role;
import net.voicegslb.gslb.policy.admin.AdminAction;
import net.voicegslb.gslb.policy.admin.AdminChange;
import net.voicegslb.gslb.policy.admin.AdminPreview;
import net.voicegslb.gslb.policy.admin.AdminRefusedException;
import net.voicegslb.gslb.policy.admin.AdminRequest;
import net.voicegslb.gslb.policy.admin.SiteAdminOverride;
import net.voicegslb.gslb.policy.config.Durations;

/**
 * {@code POST /api/v1/sites/{site}/{drain|undrain|disable|enable}} and the same path with
 * {@code /preview}: the operator's actions, for scripts (bearer token, recorded as {@code api}) and
 * the dashboard (a session whose role is operator or admin; a viewer may only preview). Parameters
 * in the query:
 * {@code until} (ISO-8601 instant) or {@code for} (30m, 2h, ...) for a drain, {@code reason}, and
 * {@code force=true} to take the last active site of a service out. Answers: 200 with the change
 * or the preview, 400 for a bad parameter or request, 404 for an unknown site, 409 when only force
 * would allow it, 503 without a GSLB.
 */
final class SiteActionRoutes {

    static final int MAX_REASON = 500;
    /** Who the bearer token speaks for in the event history. */
    static final String TOKEN_ACTOR = "api";

    private SiteActionRoutes() {}

    static void handle(RoutingContext ctx, Vertx vertx, Supplier<SiteActions> source, boolean preview) {
        SiteActions actions = source.get();
        if (actions == null) {
            ApiResponses.error(ctx, 503, "no GSLB on this server (no gslb section)");
            return;
        }
        HttpServerRequest req = ctx.request();
        String site = ctx.pathParam("site");
        if (!preview && !ApiAuth.require(ctx, Role.OPERATOR, "change a site's state")) {
            return;
        }
        AdminAction action = AdminAction.ofWord(ctx.pathParam("action"));
        if (action == null) {
            ApiResponses.error(ctx, 400, "action: '" + ctx.pathParam("action")
                    + "' is not one of drain, undrain, disable, enable");
            return;
        }
        AdminRequest request;
        try {
            request = request(site, action, req, actions.nowMillis(), ApiAuth.caller(ctx).name());
        } catch (IllegalArgumentException e) {
            ApiResponses.error(ctx, 400, e.getMessage());
            return;
        }
        vertx.executeBlocking(() -> {
            if (!actions.hasSite(site)) {
                return null;
            }
            return preview ? previewJson(actions.preview(request)) : changeJson(actions.apply(request));
        }, false).onComplete(ar -> {
            if (ar.succeeded() && ar.result() == null) {
                ApiResponses.error(ctx, 404, "no site " + site);
            } else if (ar.succeeded()) {
                ApiResponses.json(ctx, ar.result());
            } else if (ar.cause() instanceof AdminRefusedException r) {
                ApiResponses.error(ctx, r.forceable() ? 409 : 400, r.getMessage());
            } else {
                ApiResponses.error(ctx, 500, "site action failed: " + ar.cause());
            }
        });
    }

    static AdminRequest request(String site, AdminAction action, HttpServerRequest req, long nowMillis, String by) {
        String until = req.getParam("until");
        String forText = req.getParam("for");
        String reason = req.getParam("reason");
        String force = req.getParam("force");
        if (until != null && forText != null) {
            throw new IllegalArgumentException("give until or for, not both");
        }
        long untilMillis = SiteAdminOverride.NO_END;
        if (until != null) {
            try {
                untilMillis = Instant.parse(until.trim()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("until: '" + until + "' is not an ISO-8601 instant such as"
                        + " 2026-12-03T22:00:00Z");
            }
        } else if (forText != null) {
            Duration d = Durations.parse(forText);
            if (d == null || d.isZero()) {
                throw new IllegalArgumentException("for: '" + forText + "' is not a duration such as 30m or 2h");
            }
            untilMillis = nowMillis + d.toMillis();
        }
        if (reason != null && reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("reason: longer than " + MAX_REASON + " characters");
        }
        if (force != null && !force.equals("true") && !force.equals("false")) {
            throw new IllegalArgumentException("force: '" + force + "' is not true or false");
        }
        return new AdminRequest(site, action, untilMillis, by, reason == null ? "" : reason.strip(),
                "true".equals(force));
    }

    static Map<String, Object> changeJson(AdminChange c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("site", c.siteId());
        m.put("from", c.from().name());
        m.put("to", c.to().name());
        m.put("by", c.by());
        m.put("reason", c.reason());
        m.put("at", Instant.ofEpochMilli(c.atMillis()).toString());
        m.put("until", c.untilMillis() == SiteAdminOverride.NO_END ? null : Instant.ofEpochMilli(c.untilMillis())
                .toString());
        m.put("forced", c.forced());
        return Map.of("change", m);
    }

    static Map<String, Object> previewJson(AdminPreview p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("site", p.request().siteId());
        m.put("action", p.request().action().word());
        m.put("from", p.from().name());
        m.put("to", p.request().target().name());
        m.put("refusal", p.refusal());
        m.put("weightedBy", p.byQueries() ? "queries" : "client networks");
        m.put("summary", p.summary());
        m.put("services", p.services().stream().map(s -> {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("service", s.service());
            sm.put("clients", s.clients());
            sm.put("weight", s.weight());
            sm.put("moves", s.moves().stream().map(mv -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("from", mv.fromSite());
                x.put("to", mv.toSite());
                x.put("clients", mv.clients());
                x.put("weight", mv.weight());
                x.put("afterHold", mv.afterHold());
                return x;
            }).toList());
            sm.put("load", s.load().stream().map(l -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("site", l.siteId());
                x.put("utilizationNow", Double.isNaN(l.utilizationNow()) ? null : l.utilizationNow());
                x.put("utilizationAfter", Double.isNaN(l.utilizationAfter()) ? null : l.utilizationAfter());
                return x;
            }).toList());
            return sm;
        }).toList());
        return Map.of("preview", m);
    }
}
