package net.voicegslb.gslb.dns.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP listener: {@code GET /metrics} (Prometheus text), {@code GET /healthz}, and
 * {@code POST /admin/reload} which needs {@code Authorization: Bearer <token>}. The token is
 * compared in constant time and never logged; the source address earns no trust.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final Vertx vertx;
    private final HttpServer server;

    private AdminServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /**
     * @param reload runs a reload and returns its outcome as text; called off the event loop
     * @param health the text of {@code /healthz}
     */
    public static AdminServer start(InetSocketAddress listen, byte[] token, PrometheusMeterRegistry registry,
            Supplier<ReloadResult> reload, Supplier<String> health) throws Exception {
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(registry.scrape()));
        router.get("/healthz").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; charset=utf-8").end(health.get()));
        router.post("/admin/reload").handler(ctx -> {
            if (!authorized(ctx, token)) {
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
        HttpServer server = vertx.createHttpServer().requestHandler(router);
        try {
            server.listen(listen.getPort(), listen.getAddress().getHostAddress())
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("admin listener " + listen + ": " + e.getMessage(), e);
        }
        LOG.info("admin HTTP on {} (/metrics, /healthz, POST /admin/reload)", listen);
        return new AdminServer(vertx, server);
    }

    private static boolean authorized(RoutingContext ctx, byte[] token) {
        String header = ctx.request().getHeader("Authorization");
        byte[] given = header != null && header.startsWith("Bearer ")
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (token.length == 0 || !MessageDigest.isEqual(given, token)) {
            LOG.warn("admin request {} {} from {} rejected: {}", ctx.request().method(), ctx.request().path(),
                    ctx.request().remoteAddress(), header == null ? "no credentials" : "wrong token");
            ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer").end("unauthorized\n");
            return false;
        }
        return true;
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
