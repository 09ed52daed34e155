package net.voicegslb.gslb.agent.telemetry;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.ClientOptionsBase;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.wire.TelemetryFrameCodec;

/**
 * Streams this agent's telemetry to every configured DNS node at once: one {@link NodeLink} per node,
 * each with its own context, queues and backoff, so no node can hold up another. Publishing never
 * blocks; it enqueues on every link.
 *
 * <p>Metrics per DNS node ({@code dns} tag = URL): {@code gslb.agent.telemetry.frames.sent},
 * {@code gslb.agent.telemetry.dropped{kind=heartbeat|batch}}, {@code gslb.agent.telemetry.superseded},
 * {@code gslb.agent.telemetry.connects}, {@code gslb.agent.telemetry.failures},
 * {@code gslb.agent.telemetry.rejections}, {@code gslb.agent.telemetry.connected} (1/0),
 * {@code gslb.agent.telemetry.queued}.
 */
public final class TelemetryClient implements AutoCloseable {

    private final WebSocketClient client;
    /** One client per pinned trust anchor: Vert.x trust is per client, not per connection. */
    private final Map<Path, WebSocketClient> pinned = new HashMap<>();
    private final List<NodeLink> links = new ArrayList<>();

    /**
     * @param tls applied to the client options, e.g. trust store and, for mutual TLS, the key
     *            certificate; identity for no extra TLS settings
     */
    public TelemetryClient(Vertx vertx, List<TelemetryEndpoint> endpoints, String nodeId, SnapshotSource source,
                           ProbeTargetListener targets, AgentClock clock, TelemetrySettings settings,
                           RandomGenerator random, Consumer<ClientOptionsBase> tls, MeterRegistry meters) {
        WebSocketClientOptions options = new WebSocketClientOptions()
                .setMaxFrameSize(TelemetryFrameCodec.MAX_FRAME_BYTES)
                .setMaxMessageSize(TelemetryFrameCodec.MAX_FRAME_BYTES)
                .setConnectTimeout(settings.connectTimeoutMillis())
                .setVerifyHost(true);
        tls.accept(options);
        this.client = vertx.createWebSocketClient(options);
        for (TelemetryEndpoint e : endpoints) {
            WebSocketClient forNode = e.trustPem() == null ? client : pinned.computeIfAbsent(e.trustPem(), pem -> {
                WebSocketClientOptions only = new WebSocketClientOptions(options);
                // Replaces the client-wide anchor (and the JDK's CAs): nothing else may vouch for this node.
                only.setTrustOptions(new PemTrustOptions().addCertPath(pem.toString()));
                return vertx.createWebSocketClient(only);
            });
            NodeLink link = new NodeLink(e, vertx, forNode, nodeId, source, targets, clock, settings,
                    new Backoff(settings.backoffBaseMillis(), settings.backoffCapMillis(), random));
            links.add(link);
            register(meters, e.uri().toString(), link);
        }
    }

    private static void register(MeterRegistry meters, String dns, NodeLink link) {
        FunctionCounter.builder("gslb.agent.telemetry.frames.sent", link, l -> l.status().framesSent())
                .tag("dns", dns).description("telemetry frames written to this DNS node").register(meters);
        FunctionCounter.builder("gslb.agent.telemetry.dropped", link, l -> l.status().droppedHeartbeats())
                .tag("dns", dns).tag("kind", "heartbeat").description("heartbeats dropped, queue full").register(meters);
        FunctionCounter.builder("gslb.agent.telemetry.dropped", link, l -> l.status().droppedBatches())
                .tag("dns", dns).tag("kind", "batch").description("measurement batches dropped, queue full")
                .register(meters);
        FunctionCounter.builder("gslb.agent.telemetry.superseded", link, l -> l.status().supersededBatches())
                .tag("dns", dns).description("queued deltas replaced by a reconnect snapshot").register(meters);
        FunctionCounter.builder("gslb.agent.telemetry.connects", link, l -> l.status().connects())
                .tag("dns", dns).description("successful connections").register(meters);
        FunctionCounter.builder("gslb.agent.telemetry.failures", link, l -> l.status().failures())
                .tag("dns", dns).description("failed connection attempts").register(meters);
        FunctionCounter.builder("gslb.agent.telemetry.rejections", link, l -> l.status().rejections())
                .tag("dns", dns).description("upgrades refused with 401/403 (bad token)").register(meters);
        Gauge.builder("gslb.agent.telemetry.connected", link, l -> l.status().state() == LinkState.CONNECTED ? 1 : 0)
                .tag("dns", dns).description("1 while connected").register(meters);
        Gauge.builder("gslb.agent.telemetry.queued", link, l -> l.status().queued())
                .tag("dns", dns).description("messages waiting for this DNS node").register(meters);
    }

    public void start() {
        links.forEach(NodeLink::start);
    }

    public void publish(NodeHeartbeat hb) {
        for (NodeLink l : links) {
            l.publish(hb);
        }
    }

    public void publish(MeasurementBatch batch) {
        for (NodeLink l : links) {
            l.publish(batch);
        }
    }

    public List<LinkStatus> status() {
        return links.stream().map(NodeLink::status).toList();
    }

    @Override
    public void close() {
        links.forEach(NodeLink::stop);
        client.close();
        pinned.values().forEach(WebSocketClient::close);
    }
}
