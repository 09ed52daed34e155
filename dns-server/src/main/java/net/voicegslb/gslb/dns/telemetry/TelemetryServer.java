package net.voicegslb.gslb.dns.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import net.voicegslb.gslb.dns.config.TelemetryAdmission;
import net.voicegslb.gslb.dns.config.TelemetryConfig;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.telemetry.ProbeTargetList;
import net.voicegslb.gslb.policy.telemetry.WireProtocol;
import net.voicegslb.gslb.policy.telemetry.wire.TelemetryFrameCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents' telemetry endpoint: WebSocket upgrades at {@value #PATH} (anything else is 404),
 * authenticated by bearer token or, when a client CA is configured, by a client certificate with
 * the clientAuth EKU whose subjectAltName names the node ({@link CertificateIdentity}; 401
 * otherwise). One connection per node: a newer one replaces the older.
 * Every connection's frames go through {@link AgentConnection}; every
 * {@code probeTargetInterval}, and right after each hello, agents get the busiest resolver
 * prefixes from {@link ResolverSightings} as a probe-target list.
 *
 * <p>Three event loops of its own keep a flood of strangers away from the agents' streams: one
 * accepts; one runs everything a connection does before it has authenticated (admission by
 * {@link ConnectionGate} before any TLS work, the TLS handshake, the upgrade request, within
 * {@code admission.handshake_timeout}); and one runs the authenticated streams, to which each
 * connection moves right after its upgrade, with the timers and reconfiguration. Connection state
 * lives on that stream loop alone and needs no locks; telemetry is a few frames per second per
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

    private final EventLoopGroup acceptor;
    private final EventLoopGroup handshakes;
    private final EventLoopGroup streams;
    /** Where every authenticated connection, the timers and reconfiguration run. */
    private final EventLoop streamLoop;
    private final Supplier<Inventory> inventory;
    private final ResolverSightings sightings;
    private final TelemetryMetrics metrics;
    private final TelemetrySink sink;
    private final LongSupplier clockMillis;
    private final FrameValidator validator;
    private final NodeRateLimiter limiter;
    private final ConnectionGate gate;
    /** Set once listening, when the server's own id (with the bound port) is known. */
    private volatile IngestContext ingest;
    private final Map<String, AgentConnection> connections = new ConcurrentHashMap<>();
    private final int maxTargets;
    private volatile NodeAuthenticator authenticator;
    /** Restart-only, like the rest of the TLS settings. */
    private final boolean allowCnIdentity;
    private Channel server;
    private long generation;

    private TelemetryServer(TelemetryConfig config, Supplier<Inventory> inventory, TelemetrySink sink,
                            ResolverSightings sightings, MeterRegistry meters, LongSupplier clockMillis) {
        this.acceptor = group(1, "telemetry-accept");
        this.handshakes = group(1, "telemetry-handshake");
        this.streams = group(1, "telemetry-stream");
        this.streamLoop = streams.next();
        this.inventory = inventory;
        this.sightings = sightings;
        this.gate = new ConnectionGate(admission(config));
        this.metrics = new TelemetryMetrics(meters, connections::size, gate::pending);
        this.maxTargets = Math.min(Math.max(0, config.maxProbeTargets()), MAX_TARGETS_PER_LIST);
        this.authenticator = new NodeAuthenticator(config.credentials(), config.clientCaPem() != null);
        this.allowCnIdentity = config.allowCnIdentity();
        this.sink = sink;
        this.clockMillis = clockMillis;
        this.validator = new FrameValidator(config.maxClockSkew());
        this.limiter = new NodeRateLimiter(config.maxFramesPerSecond(), config.burst());
        // Starting from the wall clock keeps generations increasing across restarts of this server.
        this.generation = clockMillis.getAsLong();
    }

    private static EventLoopGroup group(int threads, String name) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), NioIoHandler.newFactory());
    }

    private static TelemetryAdmission admission(TelemetryConfig config) {
        return config.admission() != null ? config.admission() : TelemetryAdmission.DEFAULTS;
    }

    /**
     * Listens on {@code config.listen()} (port 0 = any free port, see {@link #port()}).
     *
     * @param inventory   the current configured world; read for every frame (node → site)
     * @param sink        where validated messages go, called on the ingest's stream event loop
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
        SslContext tls = ServerTls.context(config);
        TelemetryServer s = new TelemetryServer(config, inventory, sink, sightings, meters, clockMillis);
        try {
            s.listen(config, tls);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void listen(TelemetryConfig config, SslContext tls) {
        int maxFrame = config.maxFrameBytes() > 0
                ? Math.min(config.maxFrameBytes(), TelemetryFrameCodec.MAX_FRAME_BYTES) : TelemetryFrameCodec.MAX_FRAME_BYTES;
        long handshakeTimeout = admission(config).handshakeTimeout().toMillis();
        UpgradeHandler.Gatekeeper gatekeeper = new UpgradeHandler.Gatekeeper() {
            @Override
            public Optional<AgentIdentity> authenticate(String authorization, List<Certificate> peerCertificates) {
                if (ingest == null) {
                    return null;
                }
                Inventory inv = inventory.get();
                String certificateNode = peerCertificates == null ? null
                        : CertificateIdentity.of(peerCertificates, inv, allowCnIdentity).nodeId();
                return authenticator.authenticate(authorization, certificateNode, id -> inv.node(id).isPresent());
            }

            @Override
            public void authFailed(Channel channel, String authorization, List<Certificate> peerCertificates) {
                metrics.authFailure();
                String certificate = peerCertificates == null ? ""
                        : "; " + CertificateIdentity.of(peerCertificates, inventory.get(), allowCnIdentity).refusal();
                LOG.warn("telemetry upgrade from {} refused: {}{}", channel.remoteAddress(),
                        NodeAuthenticator.describe(authorization), certificate);
            }

            @Override
            public void adopt(Channel channel, AgentIdentity identity) {
                moveToStreamLoop(channel, identity, maxFrame);
            }
        };
        ServerBootstrap b = new ServerBootstrap().group(acceptor, handshakes).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        AdmissionHandler admission = new AdmissionHandler(gate, handshakeTimeout, metrics::refused);
                        ch.pipeline().addLast("admission", admission);
                        if (tls != null) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("http", new HttpServerCodec(4096, 8192, 8192))
                                .addLast("aggregate", new HttpObjectAggregator(8192))
                                .addLast("upgrade", new UpgradeHandler(gatekeeper, admission, maxFrame));
                    }
                });
        try {
            server = b.bind(config.listen()).syncUninterruptibly().channel();
        } catch (Exception e) {
            throw new IllegalStateException("telemetry listener " + config.listen() + ": " + e.getMessage(), e);
        }
        ingest = new IngestContext(new TelemetryFrameCodec(), validator, limiter, sink, metrics, inventory, clockMillis,
                serverId(config, port()));
        long interval = config.probeTargetInterval().toMillis();
        streamLoop.scheduleAtFixedRate(this::publishTargets, interval, interval, TimeUnit.MILLISECONDS);
        LOG.info("telemetry ingest on {}://{}:{}{} ({} node credentials{})", config.plaintext() ? "ws" : "wss",
                config.listen().getAddress().getHostAddress(), port(), PATH, config.credentials().size(),
                config.clientCaPem() != null ? ", client certificates accepted" : "");
    }

    private static String serverId(TelemetryConfig config, int port) {
        return "dns:" + config.listen().getAddress().getHostAddress() + ":" + port;
    }

    /**
     * Moves an upgraded connection off the handshake loop: a stranger's handshake can then never
     * stand between an agent's heartbeat and the sink.
     */
    private void moveToStreamLoop(Channel ch, AgentIdentity identity, int maxFrame) {
        ch.deregister().addListener(d -> {
            if (!d.isSuccess()) {
                ch.close();
                return;
            }
            streamLoop.register(ch).addListener(r -> {
                if (!r.isSuccess()) {
                    LOG.warn("telemetry node {}: cannot move the connection to the stream loop: {}",
                            identity.nodeId(), r.cause().toString());
                    ch.close();
                    return;
                }
                streamOpened(ch, identity, maxFrame);
            });
        });
    }

    private void streamOpened(Channel ch, AgentIdentity identity, int maxFrame) {
        AgentConnection c = new AgentConnection(new ChannelAgentSocket(ch), identity, ingest, this::sendCurrentTargets);
        ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, IDLE_TIMEOUT_SECONDS))
                .addLast("messages", new WebSocketFrameAggregator(maxFrame))
                .addLast("stream", new StreamHandler(c, closed -> connections.remove(identity.nodeId(), closed)));
        AgentConnection older = connections.put(identity.nodeId(), c);
        if (older != null) {
            LOG.warn("telemetry node {} connected again from {}; closing its older connection",
                    identity.nodeId(), ch.remoteAddress());
            older.close((short) 1000, "replaced by a newer connection");
        }
        LOG.info("telemetry node {} connected from {} ({})", identity.nodeId(), ch.remoteAddress(),
                identity.certificate() ? "client certificate" : "token");
        if (!ch.isActive()) {
            connections.remove(identity.nodeId(), c); // gone while moving
            return;
        }
        ch.config().setAutoRead(true);
        ch.read();
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
        streamLoop.execute(() -> {
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
        return ((java.net.InetSocketAddress) server.localAddress()).getPort();
    }

    /** Node ids with an open, authenticated connection. */
    public java.util.Set<String> connectedNodes() {
        return java.util.Set.copyOf(connections.keySet());
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        for (EventLoopGroup g : List.of(acceptor, handshakes, streams)) {
            g.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        for (EventLoopGroup g : List.of(acceptor, handshakes, streams)) {
            g.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
