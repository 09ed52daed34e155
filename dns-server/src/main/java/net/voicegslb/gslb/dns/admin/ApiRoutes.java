package net.voicegslb.gslb.dns.admin;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import net.voicegslb.gslb.dns.dashboard.DashboardUsers;
import net.voicegslb.gslb.dns.dashboard.Role;
import net.voicegslb.gslb.dns.events.AdminEvent;
import net.voicegslb.gslb.dns.events.ConfigEvent;
import net.voicegslb.gslb.dns.events.EventLog;
import net.voicegslb.gslb.dns.events.HealthEvent;
import net.voicegslb.gslb.dns.events.RecordedEvent;

/**
 * The {@code /api/v1} routes of the admin listener, every one behind {@link ApiAuth} (the bearer
 * token, or a dashboard session with its CSRF token): {@code explain} (see {@link ExplainHandler}),
 * {@code events}, {@code status}, the site actions (see {@link SiteActionRoutes}), {@code session}
 * (who is calling), {@code stream} (see {@link LiveFeed}) and {@code users} (admin role).
 */
final class ApiRoutes {

    static final int DEFAULT_EVENTS = 100;
    static final int MAX_EVENTS = 1000;

    private ApiRoutes() {}

    static void mount(Router router, Vertx vertx, ApiAuth auth, AdminApi api, LiveFeed feed,
                      Supplier<DashboardUsers> users) {
        router.route("/api/v1/*").handler(ctx -> {
            DashboardPages.noStore(ctx);
            auth.handle(ctx);
        });
        router.get("/api/v1/session").handler(ctx -> ApiResponses.json(ctx, DashboardPages.sessionJson(ApiAuth.caller(ctx))));
        router.get("/api/v1/stream").handler(feed::subscribe);
        router.get("/api/v1/heatmap").handler(ctx -> heatMap(ctx, vertx, api.data().get()));
        router.get("/api/v1/history").handler(ctx -> history(ctx, vertx, api.data().get()));
        router.get("/api/v1/users").handler(ctx -> {
            if (ApiAuth.require(ctx, Role.ADMIN, "see the users")) {
                ApiResponses.json(ctx, users.get().all().stream()
                        .map(u -> (Object) Map.of("user", u.name(), "role", u.role().word())).toList());
            }
        });
        router.get("/api/v1/explain").handler(new ExplainHandler(vertx, api.explain())::handle);
        router.get("/api/v1/events").handler(ctx -> events(ctx, vertx, api.events()));
        router.get("/api/v1/status").handler(ctx -> status(ctx, vertx, api));
        router.post("/api/v1/sites/:site/:action").handler(ctx -> SiteActionRoutes.handle(ctx, vertx, api.sites(), false));
        router.post("/api/v1/sites/:site/:action/preview")
                .handler(ctx -> SiteActionRoutes.handle(ctx, vertx, api.sites(), true));
    }

    /** {@code GET /api/v1/events?limit=N&node=X}: newest first; X matches a node or a site name. */
    private static void events(RoutingContext ctx, Vertx vertx, EventLog log) {
        if (log == null) {
            ApiResponses.error(ctx, 503, "the event history is not kept on this server (no gslb section)");
            return;
        }
        int limit;
        String raw = ctx.request().getParam("limit");
        try {
            limit = raw == null ? DEFAULT_EVENTS : Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_EVENTS) {
            ApiResponses.error(ctx, 400, "limit: '" + raw + "' is not a whole number from 1 to " + MAX_EVENTS);
            return;
        }
        String node = ctx.request().getParam("node");
        String filter = node == null || node.isBlank() ? null : node.trim();
        int n = limit;
        vertx.executeBlocking(() -> log.recent(n, filter), false).onComplete(ar -> {
            if (ar.failed()) {
                ApiResponses.error(ctx, 500, "the event store failed: " + ar.cause().getMessage());
            } else {
                ApiResponses.json(ctx, ar.result().stream().map(ApiRoutes::eventJson).toList());
            }
        });
    }

    static Map<String, Object> eventJson(RecordedEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", e.at().toString());
        if (e instanceof HealthEvent h) {
            m.put("type", "health");
            m.put("node", h.node());
            m.put("site", h.site());
            m.put("from", h.from());
            m.put("to", h.to());
            m.put("reason", h.reason());
        } else if (e instanceof ConfigEvent c) {
            m.put("type", "config");
            m.put("kind", c.kind());
            m.put("detail", c.detail());
        } else if (e instanceof AdminEvent a) {
            m.put("type", "admin");
            m.put("site", a.site());
            m.put("from", a.from());
            m.put("to", a.to());
            m.put("by", a.by());
            m.put("reason", a.reason());
            m.put("until", a.until() == null ? null : a.until().toString());
            m.put("forced", a.forced());
        }
        return m;
    }

    /** {@code GET /api/v1/heatmap?service=S&limit=N&search=TEXT}: client networks by sites. */
    private static void heatMap(RoutingContext ctx, Vertx vertx, DashboardData data) {
        if (data == null) {
            ApiResponses.error(ctx, 503, "no GSLB on this server (no gslb section)");
            return;
        }
        String raw = ctx.request().getParam("limit");
        int limit;
        try {
            limit = raw == null ? 50 : Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > net.voicegslb.gslb.dns.gslb.GslbInsight.MAX_HEATMAP_ROWS) {
            ApiResponses.error(ctx, 400, "limit: '" + raw + "' is not a whole number from 1 to "
                    + net.voicegslb.gslb.dns.gslb.GslbInsight.MAX_HEATMAP_ROWS);
            return;
        }
        String search = ctx.request().getParam("search");
        if (search != null && search.length() > 64) {
            ApiResponses.error(ctx, 400, "search: longer than 64 characters");
            return;
        }
        String service = ctx.request().getParam("service");
        int n = limit;
        vertx.executeBlocking(() -> data.heatMap(service == null || service.isBlank() ? null : service, n, search),
                false).onComplete(ar -> {
                    if (ar.succeeded()) {
                        ApiResponses.json(ctx, ar.result());
                    } else if (ar.cause() instanceof IllegalArgumentException e) {
                        ApiResponses.error(ctx, 404, e.getMessage());
                    } else {
                        ApiResponses.error(ctx, 500, "heat map failed: " + ar.cause());
                    }
                });
    }

    /** {@code GET /api/v1/history[?prefix=P]}: the last hour per site, or of one client network. */
    private static void history(RoutingContext ctx, Vertx vertx, DashboardData data) {
        if (data == null) {
            ApiResponses.error(ctx, 503, "no GSLB on this server (no gslb section)");
            return;
        }
        String raw = ctx.request().getParam("prefix");
        net.voicegslb.gslb.policy.model.ClientPrefix prefix = null;
        if (raw != null) {
            try {
                prefix = net.voicegslb.gslb.policy.model.ClientPrefix.parse(raw.trim());
            } catch (IllegalArgumentException e) {
                ApiResponses.error(ctx, 400, "prefix: '" + raw + "' is not a network such as 198.51.100.0/24");
                return;
            }
        }
        net.voicegslb.gslb.policy.model.ClientPrefix p = prefix;
        vertx.executeBlocking(() -> p == null ? data.siteHistory() : data.prefixHistory(p), false).onComplete(ar -> {
            if (ar.failed()) {
                ApiResponses.error(ctx, 500, "history failed: " + ar.cause());
            } else if (ar.result() == null) {
                ApiResponses.error(ctx, 404, "no history of " + raw + ": only the busiest client networks are kept");
            } else {
                ApiResponses.json(ctx, ar.result());
            }
        });
    }

    /** {@code GET /api/v1/status}: sites and nodes with their health, from the lead's supplier. */
    private static void status(RoutingContext ctx, Vertx vertx, AdminApi api) {
        vertx.executeBlocking(() -> api.status().get(), false).onComplete(ar -> {
            if (ar.failed()) {
                ApiResponses.error(ctx, 500, "status failed: " + ar.cause());
            } else if (ar.result() == null) {
                ApiResponses.error(ctx, 503, "no GSLB status on this server (no gslb section)");
            } else {
                ApiResponses.json(ctx, ar.result());
            }
        });
    }
}
