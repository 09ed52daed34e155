package net.voicegslb.gslb.dns.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.voicegslb.gslb.dns.config.AdminConfig;
import net.voicegslb.gslb.dns.dashboard.DashboardUsers;
import net.voicegslb.gslb.dns.dashboard.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP listener: {@code GET /metrics} (Prometheus text), {@code GET /healthz},
 * {@code POST /admin/reload}, the {@code /api/v1} routes of {@link AdminApi} ({@code explain},
 * {@code events}, {@code status}, site actions, the live stream) and the NOC dashboard under
 * {@code /ui/} ({@link DashboardPages}). Reload needs {@code Authorization: Bearer <token>}; the API
 * takes the token or a dashboard session (see {@link ApiAuth}). The token is compared in constant
 * time and never logged, and the source address earns no trust.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final Vertx vertx;
    private final HttpServer server;
    private final SessionStore sessions;

    private AdminServer(Vertx vertx, HttpServer server, SessionStore sessions) {
        this.vertx = vertx;
        this.server = server;
        this.sessions = sessions;
    }

    /**
     * @param reload runs a reload and returns its outcome as text; called off the event loop
     * @param health the text of {@code /healthz}
     */
    public static AdminServer start(InetSocketAddress listen, byte[] token, PrometheusMeterRegistry registry,
            Supplier<ReloadResult> reload, Supplier<String> health) throws Exception {
        return start(listen, token, registry, reload, health, AdminApi.none());
    }

    /**
     * @param reload runs a reload and returns its outcome as text; called off the event loop
     * @param health the text of {@code /healthz}
     * @param api    sources of the {@code /api/v1} routes; a missing one makes its route answer 503
     */
    public static AdminServer start(InetSocketAddress listen, byte[] token, PrometheusMeterRegistry registry,
            Supplier<ReloadResult> reload, Supplier<String> health, AdminApi api) throws Exception {
        return start(new AdminConfig(listen, null), token, registry, reload, health, api);
    }

    /**
     * HTTPS when the config has a certificate and key; plain HTTP only on loopback unless
     * {@code allowPlaintext}, and then with a warning.
     *
     * @throws IllegalArgumentException plain HTTP on a non-loopback address without allowPlaintext
     */
    public static AdminServer start(AdminConfig config, byte[] token, PrometheusMeterRegistry registry,
            Supplier<ReloadResult> reload, Supplier<String> health, AdminApi api) throws Exception {
        DashboardUsers users = DashboardUsers.of(config.users());
        return start(config, token, registry, reload, health, api, () -> users, new SessionStore());
    }

    /**
     * @param users    the dashboard's users now (a reload may change them)
     * @param sessions the dashboard's sessions
     */
    public static AdminServer start(AdminConfig config, byte[] token, PrometheusMeterRegistry registry,
            Supplier<ReloadResult> reload, Supplier<String> health, AdminApi api, Supplier<DashboardUsers> users,
            SessionStore sessions) throws Exception {
        InetSocketAddress listen = config.listen();
        String refused = config.plaintextProblem();
        if (refused != null) {
            throw new IllegalArgumentException("admin listener: " + refused);
        }
        HttpServerOptions options = new HttpServerOptions();
        if (config.tls()) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(config.certPem().toString()).setKeyPath(config.keyPem().toString()));
        } else if (!listen.getAddress().isLoopbackAddress()) {
            LOG.warn("admin listener on {} speaks plain HTTP (admin.allow_plaintext): the bearer token and the "
                    + "API's answers cross the network in clear", listen);
        }
        Vertx vertx = Vertx.vertx();
        BearerAuth auth = new BearerAuth(token);
        Router router = Router.router(vertx);
        router.route().handler(DashboardPages::securityHeaders);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(registry.scrape()));
        router.get("/healthz").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; charset=utf-8").end(health.get()));
        router.post("/admin/reload").handler(ctx -> {
            if (!auth.check(ctx)) {
                return;
            }
            vertx.executeBlocking(reload::get, false).onComplete(ar -> {
                if (ar.failed()) {
                    ctx.response().setStatusCode(500).end("reload failed: " + ar.cause().getMessage() + "\n");
                } else {
                    ctx.response().setStatusCode(ar.result().ok() ? 200 : 422).end(ar.result().message() + "\n");
                }
            });
        });
        DashboardPages pages = new DashboardPages(vertx, sessions, users, config.tls());
        pages.mount(router);
        ApiRoutes.mount(router, vertx, new ApiAuth(auth, sessions, pages.cookieName()), api,
                new LiveFeed(vertx, api, sessions), users);
        HttpServer server = vertx.createHttpServer(options).requestHandler(router);
        try {
            server.listen(listen.getPort(), listen.getAddress().getHostAddress())
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("admin listener " + listen + ": " + e.getMessage(), e);
        }
        LOG.info("admin {} on {} (/metrics, /healthz, POST /admin/reload, /api/v1/explain|events|status|sites|stream,"
                + " dashboard /ui/ for {} users)", config.tls() ? "HTTPS" : "HTTP", listen, users.get().all().size());
        return new AdminServer(vertx, server, sessions);
    }

    /** Ends the sessions of users a reload removed or gave another role. */
    public void usersChanged(DashboardUsers users) {
        sessions.retain(users);
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
                .join();
    }
}
