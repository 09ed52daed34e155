package net.voicegslb.gslb.agent.telemetry;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.concurrent.atomic.AtomicLong;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.ProbeTargetList;
import net.voicegslb.gslb.policy.telemetry.TelemetryEnvelope;
import net.voicegslb.gslb.policy.telemetry.TelemetryMessage;
import net.voicegslb.gslb.policy.telemetry.wire.MalformedFrameException;
import net.voicegslb.gslb.policy.telemetry.wire.TelemetryFrameCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to one DNS node. Everything it does runs on its own Vert.x context, and it only
 * ever writes while the socket's write queue has room, so a slow or dead node fills this link's
 * bounded queues (and its drop counters) and nothing else: other links never wait for it.
 *
 * <p>Per connection: hello, the full snapshot, then heartbeats (first) and deltas as they come.
 * Sequence numbers start at 1 on each connection. Incoming frames must carry increasing sequence
 * numbers too; a repeat is a replay and is ignored.
 */
final class NodeLink {

    private static final Logger LOG = LoggerFactory.getLogger(NodeLink.class);

    private final TelemetryEndpoint endpoint;
    private final WebSocketClient client;
    private final Context context;
    private final Vertx vertx;
    private final String nodeId;
    private final SnapshotSource source;
    private final ProbeTargetListener targets;
    private final AgentClock clock;
    private final TelemetrySettings settings;
    private final TelemetryFrameCodec codec = new TelemetryFrameCodec();
    private final OutboundQueues queues;
    private final Backoff backoff;

    // context-confined
    private WebSocket socket;
    private long sequence;
    private long lastServerSequence;
    private long connectedAtNanos;
    private long reconnectTimer = -1;
    private boolean stopped;

    // read from any thread
    private volatile LinkState state = LinkState.CONNECTING;
    private volatile String lastError;
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong rejections = new AtomicLong();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong malformedIn = new AtomicLong();

    NodeLink(TelemetryEndpoint endpoint, Vertx vertx, WebSocketClient client, String nodeId, SnapshotSource source,
             ProbeTargetListener targets, AgentClock clock, TelemetrySettings settings, Backoff backoff) {
        this.endpoint = endpoint;
        this.vertx = vertx;
        this.client = client;
        this.nodeId = nodeId;
        this.source = source;
        this.targets = targets;
        this.clock = clock;
        this.settings = settings;
        this.backoff = backoff;
        this.queues = new OutboundQueues(settings.heartbeatQueue(), settings.batchQueue());
        // Called from a non-Vert.x thread this makes a fresh event-loop context: one per link.
        this.context = vertx.getOrCreateContext();
    }

    void start() {
        context.runOnContext(v -> connect());
    }

    void stop() {
        context.runOnContext(v -> {
            stopped = true;
            state = LinkState.STOPPED;
            if (reconnectTimer >= 0) {
                vertx.cancelTimer(reconnectTimer);
            }
            if (socket != null) {
                socket.close();
            }
        });
    }

    void publish(NodeHeartbeat hb) {
        queues.offer(hb);
        context.runOnContext(v -> drain());
    }

    void publish(MeasurementBatch batch) {
        queues.offer(batch);
        context.runOnContext(v -> drain());
    }

    LinkStatus status() {
        return new LinkStatus(endpoint.uri().toString(), state, connects.get(), failures.get(), rejections.get(),
                framesSent.get(), queues.droppedHeartbeats(), queues.droppedBatches(), queues.supersededBatches(),
                queues.size(), lastError);
    }

    long malformedFrames() {
        return malformedIn.get();
    }

    private void connect() {
        if (stopped) {
            return;
        }
        reconnectTimer = -1;
        state = LinkState.CONNECTING;
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(endpoint.uri().getHost())
                .setPort(endpoint.port())
                .setURI(endpoint.path())
                .setSsl(endpoint.tls())
                .setConnectTimeout(settings.connectTimeoutMillis())
                .setTimeout(settings.connectTimeoutMillis());
        String token = endpoint.token() == null ? null : endpoint.token().get();
        if (token != null && !token.isBlank()) {
            options.addHeader("Authorization", "Bearer " + token.strip());
        }
        client.connect(options).onComplete(ar -> {
            if (ar.succeeded()) {
                onConnected(ar.result());
            } else {
                onFailure(ar.cause());
            }
        });
    }

    private void onConnected(WebSocket ws) {
        if (stopped) {
            ws.close();
            return;
        }
        socket = ws;
        sequence = 0;
        lastServerSequence = 0;
        connectedAtNanos = clock.nanos();
        connects.incrementAndGet();
        lastError = null;
        state = LinkState.CONNECTED;
        ws.setWriteQueueMaxSize(settings.writeQueueBytes());
        ws.binaryMessageHandler(this::onFrame);
        ws.drainHandler(v -> drain());
        ws.exceptionHandler(e -> lastError = String.valueOf(e.getMessage()));
        ws.closeHandler(v -> onClosed(ws));
        // The snapshot supersedes deltas queued while we were apart; it is written straight away
        // (hello first) and may briefly exceed the write queue: it is bounded by the agent's state.
        queues.supersedeBatches();
        write(source.hello());
        for (MeasurementBatch b : source.snapshot()) {
            write(b);
        }
        NodeHeartbeat hb = source.latestHeartbeat();
        if (hb != null) {
            write(hb);
        }
        drain();
    }

    private void onFailure(Throwable cause) {
        failures.incrementAndGet();
        if (cause instanceof UpgradeRejectedException r && (r.getStatus() == 401 || r.getStatus() == 403)) {
            rejections.incrementAndGet();
            lastError = "credentials refused (HTTP " + r.getStatus() + ")";
            state = LinkState.REJECTED;
            LOG.warn("telemetry {}: {}", endpoint.uri(), lastError);
        } else {
            lastError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            state = LinkState.BACKING_OFF;
            LOG.debug("telemetry {}: connect failed: {}", endpoint.uri(), lastError);
        }
        scheduleReconnect();
    }

    private void onClosed(WebSocket ws) {
        if (ws != socket) {
            return;
        }
        socket = null;
        if (stopped) {
            return;
        }
        if (clock.nanos() - connectedAtNanos >= settings.stableAfterMillis() * 1_000_000L) {
            backoff.reset(); // it was a good connection: start again from the base delay
        }
        if (lastError == null) {
            lastError = "closed by peer" + (ws.closeStatusCode() == null ? "" : " (" + ws.closeStatusCode() + ")");
        }
        state = LinkState.BACKING_OFF;
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (stopped) {
            return;
        }
        long delay = Math.max(1, backoff.nextDelayMillis());
        reconnectTimer = vertx.setTimer(delay, id -> context.runOnContext(v -> connect()));
    }

    private void drain() {
        WebSocket ws = socket;
        if (ws == null || ws.isClosed()) {
            return;
        }
        while (!ws.writeQueueFull()) {
            TelemetryMessage m = queues.poll();
            if (m == null) {
                return;
            }
            write(m);
        }
    }

    private void write(TelemetryMessage m) {
        byte[] frame = codec.encode(TelemetryEnvelope.of(nodeId, ++sequence, clock.epochMillis(), m));
        socket.writeBinaryMessage(Buffer.buffer(frame));
        framesSent.incrementAndGet();
    }

    private void onFrame(Buffer buffer) {
        TelemetryEnvelope env;
        try {
            env = codec.decode(buffer.getBytes());
        } catch (MalformedFrameException e) {
            malformedIn.incrementAndGet();
            LOG.debug("telemetry {}: malformed frame: {}", endpoint.uri(), e.getMessage());
            return;
        }
        if (env.sequence() <= lastServerSequence) {
            malformedIn.incrementAndGet(); // replay or reordering: the newest list already applies
            return;
        }
        lastServerSequence = env.sequence();
        if (env.payload() instanceof ProbeTargetList list) {
            targets.onTargets(env.senderId(), list);
        }
    }
}
