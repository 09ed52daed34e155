package net.voicegslb.gslb.dns.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import net.voicegslb.gslb.dns.config.TelemetryConfig;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.telemetry.ProbeTargetList;
import net.voicegslb.gslb.policy.telemetry.WireProtocol;
import net.voicegslb.gslb.policy.telemetry.wire.TelemetryFrameCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents' telemetry endpoint: WebSocket upgrades at {@value #PATH} (anything else is 404),
 * authenticated by bearer token or, when a client CA is configured, by a client certificate whose
 * CN is the node id (401 otherwise). One connection per node: a newer one replaces the older.
 * Every connection's frames go through {@link AgentConnection}; every
 * {@code probeTargetInterval}, and right after each hello, agents get the busiest resolver
 * prefixes from {@link ResolverSightings} as a probe-target list.
 *
 * <p>Its own Vert.x with a single event loop runs everything (handshakes, frames, timers,
 * reconfiguration), so connection state needs no locks; telemetry is a few frames per second per
 * node, far from what one loop carries. Metrics: see {@link TelemetryMetrics}.
 */
public final class TelemetryServer implements AutoCloseable {

    public static final String PATH = "/telemetry/v1";
    /** Keeps a probe-target list within the codec's frame limit even with IPv6 entries. */
    static final int MAX_TARGETS_PER_LIST = 25_000;
    /**
     * A connection that neither sends nor receives for this long is closed: it bounds half-open
     * upgrades and dead agents. Live agents heartbeat every second and get probe-target lists.
     */
    static final int IDLE_TIMEOUT_SECONDS = 60;
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryServer.class);

    private final Vertx vertx;
    private final Supplier<Inventory> inventory;
    private final ResolverSightings sightings;
    private final TelemetryMetrics metrics;
    private final TelemetrySink sink;
    private final LongSupplier clockMillis;
    private final FrameValidator validator;
    private final NodeRateLimiter limiter;
    /** Set once listening, when the server's own id (with the bound port) is known. */
    private volatile IngestContext ingest;
    private final Map<String, AgentConnection> connections = new ConcurrentHashMap<>();
    private final int maxTargets;
    private volatile NodeAuthenticator authenticator;
    private HttpServer server;
    private long generation;

    private TelemetryServer(Vertx vertx, TelemetryConfig config, Supplier<Inventory> inventory, TelemetrySink sink,
                            ResolverSightings sightings, MeterRegistry meters, LongSupplier clockMillis) {
        this.vertx = vertx;
        this.inventory = inventory;
        this.sightings = sightings;
        this.metrics = new TelemetryMetrics(meters, connections::size);
        this.maxTargets = Math.min(Math.max(0, config.maxProbeTargets()), MAX_TARGETS_PER_LIST);
        this.authenticator = new NodeAuthenticator(config.credentials(), config.clientCaPem() != null);
        this.sink = sink;
        this.clockMillis = clockMillis;
        this.validator = new FrameValidator(config.maxClockSkew());
        this.limiter = new NodeRateLimiter(config.maxFramesPerSecond(), config.burst());
        // Starting from the wall clock keeps generations increasing across restarts of this server.
        this.generation = clockMillis.getAsLong();
    }

    /**
     * Listens on {@code config.listen()} (port 0 = any free port, see {@link #port()}).
     *
     * @param inventory   the current configured world; read for every frame (node → site)
     * @param sink        where validated messages go, called on the ingest's event loop
     * @param sightings   the DNS query path's resolver sightings, sent to agents as probe targets
     * @param clockMillis wall clock for skew checks and the sink's timestamps
     * @throws IllegalStateException when the listener cannot start (port taken, bad PEM files)
     */
    public static TelemetryServer start(TelemetryConfig config, Supplier<Inventory> inventory, TelemetrySink sink,
                                        ResolverSightings sightings, MeterRegistry meters, LongSupplier clockMillis) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("telemetry ingest is off (no listen address)");
        }
        if (config.probeTargetInterval().toMillis() <= 0) {
            throw new IllegalArgumentException("telemetry: probe target interval must be > 0");
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        try {
            TelemetryServer s = new TelemetryServer(vertx, config, inventory, sink, sightings, meters, clockMillis);
            s.listen(config);
            return s;
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    private void listen(TelemetryConfig config) {
        int maxFrame = config.maxFrameBytes() > 0
                ? Math.min(config.maxFrameBytes(), TelemetryFrameCodec.MAX_FRAME_BYTES) : TelemetryFrameCodec.MAX_FRAME_BYTES;
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.listen().getAddress().getHostAddress()).setPort(config.listen().getPort())
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
                .setMaxWebSocketFrameSize(maxFrame).setMaxWebSocketMessageSize(maxFrame)
                // No WebSocket compression: frames are small binary records, and inflating what an
                // untrusted peer sends only adds work and risk. (With it on, Vert.x 5.2 also dropped
                // the first TLS upgrade of a fresh JVM before our handler saw it: TelemetryServerTlsIT.)
                .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false);
        ServerTls.apply(options, config);
        HttpServer s = vertx.createHttpServer(options);
        s.exceptionHandler(e -> LOG.debug("telemetry connection failed: {}", e.toString())); // TLS handshakes, resets
        s.webSocketHandshakeHandler(this::onHandshake);
        s.webSocketHandler(ws -> { }); // accepted sockets are wired in onHandshake
        s.requestHandler(req -> req.response().setStatusCode(PATH.equals(req.path()) ? 426 : 404).end());
        try {
            server = s.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("telemetry listener " + config.listen() + ": " + e.getMessage(), e);
        }
        ingest = new IngestContext(new TelemetryFrameCodec(), validator, limiter, sink, metrics, inventory, clockMillis,
                serverId(config, server.actualPort()));
        long interval = config.probeTargetInterval().toMillis();
        vertx.setPeriodic(interval, id -> publishTargets());
        LOG.info("telemetry ingest on {}://{}:{}{} ({} node credentials{})", config.plaintext() ? "ws" : "wss",
                config.listen().getAddress().getHostAddress(), server.actualPort(), PATH, config.credentials().size(),
                config.clientCaPem() != null ? ", client certificates accepted" : "");
    }

    private static String serverId(TelemetryConfig config, int port) {
        return "dns:" + config.listen().getAddress().getHostAddress() + ":" + port;
    }

    private void onHandshake(ServerWebSocketHandshake hs) {
        try {
            handshake(hs);
        } catch (RuntimeException e) {
            LOG.error("telemetry upgrade from {} failed", hs.remoteAddress(), e);
            hs.reject(500); // an answer, so that the agent backs off instead of waiting for one
        }
    }

    private void handshake(ServerWebSocketHandshake hs) {
        if (!PATH.equals(hs.path())) {
            hs.reject(404);
            return;
        }
        IngestContext ingest = this.ingest;
        if (ingest == null) {
            hs.reject(503); // bound but not yet set up: the agent retries
            return;
        }
        String authorization = hs.headers().get("Authorization");
        Optional<AgentIdentity> who = authenticator.authenticate(authorization, certificateCn(hs),
                id -> inventory.get().node(id).isPresent());
        if (who.isEmpty()) {
            metrics.authFailure();
            LOG.warn("telemetry upgrade from {} refused: {}", hs.remoteAddress(), NodeAuthenticator.describe(authorization));
            hs.reject(401);
            return;
        }
        AgentIdentity identity = who.get();
        hs.accept().onSuccess(ws -> {
            AgentConnection c = new AgentConnection(ws, identity, ingest, this::sendCurrentTargets);
            ws.binaryMessageHandler(c::onBinary);
            ws.textMessageHandler(t -> c.onText());
            ws.exceptionHandler(c::onException);
            ws.closeHandler(v -> connections.remove(identity.nodeId(), c));
            AgentConnection older = connections.put(identity.nodeId(), c);
            if (older != null) {
                LOG.warn("telemetry node {} connected again from {}; closing its older connection",
                        identity.nodeId(), ws.remoteAddress());
                older.close((short) 1000, "replaced by a newer connection");
            }
            LOG.info("telemetry node {} connected from {} ({})", identity.nodeId(), ws.remoteAddress(),
                    identity.certificate() ? "client certificate" : "token");
        });
    }

    private static String certificateCn(ServerWebSocketHandshake hs) {
        if (!hs.isSsl()) {
            return null;
        }
        try {
            List<Certificate> chain = hs.peerCertificates();
            return ServerTls.commonName(chain);
        } catch (SSLPeerUnverifiedException e) {
            return null; // no client certificate: the token decides
        }
    }

    private void sendCurrentTargets(AgentConnection c) {
        c.send(newTargetList());
    }

    private void publishTargets() {
        ProbeTargetList list = newTargetList();
        for (AgentConnection c : connections.values()) {
            c.send(list);
        }
        sightings.decay();
    }

    private ProbeTargetList newTargetList() {
        return new ProbeTargetList(WireProtocol.VERSION, ++generation, sightings.top(maxTargets));
    }

    /**
     * Applies a reloaded config's credentials: new tokens count for new connections at once, and
     * connections whose node was removed, whose token changed, or that came in by certificate when
     * certificates are no longer accepted, are closed (1008). Listener, TLS, rate and skew settings
     * take a restart. Call from any thread but the ingest's own; returns once applied.
     */
    public void reconfigure(TelemetryConfig config) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            try {
                NodeAuthenticator old = authenticator;
                NodeAuthenticator now = new NodeAuthenticator(config.credentials(), config.clientCaPem() != null);
                authenticator = now;
                Inventory inv = inventory.get();
                for (AgentConnection c : List.copyOf(connections.values())) {
                    AgentIdentity id = c.identity();
                    if (!now.stillAccepts(id, old) || inv.node(id.nodeId()).isEmpty()) {
                        LOG.warn("telemetry node {}: credentials removed or changed, closing its connection",
                                id.nodeId());
                        connections.remove(id.nodeId(), c);
                        limiter.forget(id.nodeId());
                        c.close(AgentConnection.POLICY_VIOLATION, "credentials changed");
                    }
                }
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The port listened on (useful when configured as 0). */
    public int port() {
        return server.actualPort();
    }

    /** Node ids with an open, authenticated connection. */
    public java.util.Set<String> connectedNodes() {
        return java.util.Set.copyOf(connections.keySet());
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
    }
}
