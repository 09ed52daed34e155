package net.voicegslb.gslb.agent.lab;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.voicegslb.gslb.policy.telemetry.ProbeTargetList;
import net.voicegslb.gslb.policy.telemetry.TelemetryEnvelope;
import net.voicegslb.gslb.policy.telemetry.wire.MalformedFrameException;
import net.voicegslb.gslb.policy.telemetry.wire.TelemetryFrameCodec;

/**
 * A small but real telemetry endpoint for tests (the production one comes with dns-server): a
 * Vert.x WebSocket server on 127.0.0.1 at {@code /telemetry/v1} that checks the bearer token,
 * decodes every frame with the shared codec and keeps what it got per connection. It can be told
 * to close every connection, to stall (stop reading, so TCP backpressure reaches the agent), or to
 * stop listening and later listen again on the same port.
 */
public final class TelemetryTestServer implements AutoCloseable {

    /** One accepted agent connection and everything decoded from it, in order. */
    public static final class Connection {
        public final ServerWebSocket socket;
        public final List<TelemetryEnvelope> received = new CopyOnWriteArrayList<>();
        public final List<String> problems = new CopyOnWriteArrayList<>();
        private long lastSequence;

        Connection(ServerWebSocket socket) {
            this.socket = socket;
        }
    }

    private final Vertx vertx;
    private final String token;
    private final TelemetryFrameCodec codec = new TelemetryFrameCodec();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong serverSequence = new AtomicLong();
    private volatile boolean stall;
    private io.vertx.core.net.KeyCertOptions tls;
    private io.vertx.core.net.TrustOptions clientTrust;
    private volatile HttpServer server;
    private int port;

    public TelemetryTestServer(Vertx vertx, String token) {
        this.vertx = vertx;
        this.token = token;
    }

    /** Serve wss:// with this key and certificate (call before {@link #listen}). */
    public TelemetryTestServer withTls(io.vertx.core.net.KeyCertOptions keyCert) {
        this.tls = keyCert;
        return this;
    }

    /**
     * Require a client certificate signed by (or equal to) one in {@code trust}: mutual TLS. With a
     * null token the certificate is the only credential.
     */
    public TelemetryTestServer requireClientCertificate(io.vertx.core.net.TrustOptions trust) {
        this.clientTrust = trust;
        return this;
    }

    /** Listens on 127.0.0.1, on a free port the first time and on the same port afterwards. */
    public TelemetryTestServer listen() {
        HttpServerOptions options = new HttpServerOptions()
                .setHost("127.0.0.1").setPort(port)
                .setMaxWebSocketFrameSize(TelemetryFrameCodec.MAX_FRAME_BYTES)
                .setMaxWebSocketMessageSize(TelemetryFrameCodec.MAX_FRAME_BYTES)
                // A fixed socket buffer (no autotuning up to tcp_rmem's 32 MB) so that a stalled reader
                // pushes back on the agent after a few MB. Not below loopback's 64 KB MSS: a window
                // smaller than one segment stalls the connection altogether.
                .setReceiveBufferSize(128 * 1024);
        if (tls != null) {
            options.setSsl(true).setKeyCertOptions(tls);
            if (clientTrust != null) {
                options.setClientAuth(io.vertx.core.http.ClientAuth.REQUIRED).setTrustOptions(clientTrust);
            }
        }
        HttpServer s = vertx.createHttpServer(options);
        s.webSocketHandshakeHandler(hs -> {
            if (!"/telemetry/v1".equals(hs.path())) {
                hs.reject(404);
            } else if (token != null && !("Bearer " + token).equals(hs.headers().get("Authorization"))) {
                rejected.incrementAndGet();
                hs.reject(401);
            } else {
                hs.accept();
            }
        });
        s.webSocketHandler(this::onSocket);
        server = s.listen().toCompletionStage().toCompletableFuture().join();
        port = server.actualPort();
        return this;
    }

    private void onSocket(ServerWebSocket ws) {
        Connection c = new Connection(ws);
        connections.add(c);
        if (stall) {
            ws.pause();
        }
        ws.binaryMessageHandler(b -> onFrame(c, b));
    }

    private void onFrame(Connection c, Buffer b) {
        try {
            TelemetryEnvelope env = codec.decode(b.getBytes());
            if (env.sequence() <= c.lastSequence) {
                c.problems.add("sequence " + env.sequence() + " after " + c.lastSequence);
            }
            c.lastSequence = env.sequence();
            c.received.add(env);
        } catch (MalformedFrameException e) {
            c.problems.add(e.getMessage());
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return (tls != null ? "wss" : "ws") + "://127.0.0.1:" + port + "/telemetry/v1";
    }

    public List<Connection> connections() {
        return connections;
    }

    public Connection last() {
        return connections.isEmpty() ? null : connections.get(connections.size() - 1);
    }

    public long rejected() {
        return rejected.get();
    }

    /** New connections stop being read; existing ones too. */
    public void stall() {
        stall = true;
        connections.forEach(c -> c.socket.pause());
    }

    /** Closes every open agent connection (the agent should reconnect). */
    public void closeAll() {
        connections.forEach(c -> c.socket.close());
    }

    /** Stops listening and drops every connection: the node looks dead. */
    public void stopListening() {
        closeAll();
        server.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** Sends a probe-target list to the newest connection with this server's own sequence. */
    public void send(String dnsId, ProbeTargetList list, long sequence) {
        byte[] frame = codec.encode(TelemetryEnvelope.of(dnsId, sequence, System.currentTimeMillis(), list));
        last().socket.writeBinaryMessage(Buffer.buffer(frame));
    }

    public long nextSequence() {
        return serverSequence.incrementAndGet();
    }

    @Override
    public void close() {
        closeAll();
        if (server != null) {
            try {
                server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                // A stalled connection can hold the close; the test's Vertx.close() tears it down.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
