package net.voicegslb.gslb.dns.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.voicegslb.gslb.dns.config.NodeCredential;
import net.voicegslb.gslb.dns.config.TelemetryConfig;
import net.voicegslb.gslb.policy.model.AdminState;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.model.Node;
import net.voicegslb.gslb.policy.model.Site;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import net.voicegslb.gslb.policy.telemetry.ProbeTarget;
import net.voicegslb.gslb.policy.telemetry.ProbeTargetList;
import net.voicegslb.gslb.policy.telemetry.TelemetryEnvelope;
import net.voicegslb.gslb.policy.telemetry.wire.TelemetryFrameCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ingest on 127.0.0.1 against real WebSocket clients sending frames made by the shared codec:
 * who gets in, what reaches the sink, what is refused and counted, and that a misbehaving agent
 * never disturbs another agent's stream.
 */
class TelemetryServerIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Map<String, NodeCredential> CREDENTIALS = Map.of(
            "fra-1", NodeCredential.ofToken("fra-1", "fra-token"),
            "nyc-1", NodeCredential.ofToken("nyc-1", "nyc-token"));

    static Vertx vertx;
    static WebSocketClient client;

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final RecordingSink sink = new RecordingSink();
    final ResolverSightings sightings = new ResolverSightings(1, 1_000);
    final AtomicReference<Inventory> inventory = new AtomicReference<>(inventory(true));
    TelemetryServer server;

    @BeforeAll
    static void client() {
        vertx = Vertx.vertx();
        client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxMessageSize(TelemetryFrameCodec.MAX_FRAME_BYTES).setMaxFrameSize(TelemetryFrameCodec.MAX_FRAME_BYTES));
    }

    @AfterAll
    static void stopClient() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Inventory inventory(boolean withNyc) {
        List<Site> sites = List.of(new Site("fra", "eu", AdminState.ACTIVE, 100), new Site("nyc", "na", AdminState.ACTIVE, 100));
        List<Node> nodes = new java.util.ArrayList<>(List.of(node("fra-1", "fra")));
        if (withNyc) {
            nodes.add(node("nyc-1", "nyc"));
        }
        return new Inventory(sites, nodes, List.of(), List.of());
    }

    static Node node(String id, String site) {
        return new Node(id, site, id + ".nodes.voip.example.test", List.of((Inet4Address) InetAddress.getLoopbackAddress()),
                List.of(), List.of());
    }

    static TelemetryConfig config(Map<String, NodeCredential> credentials, int framesPerSecond, int burst,
                                  Duration targetInterval) {
        return new TelemetryConfig(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), true, null, null, null,
                credentials, framesPerSecond, burst, Duration.ofSeconds(30), 64 * 1024, targetInterval, 100);
    }

    TelemetryServer start(TelemetryConfig config) {
        server = TelemetryServer.start(config, inventory::get, sink, sightings, meters, System::currentTimeMillis);
        return server;
    }

    TelemetryServer start() {
        return start(config(CREDENTIALS, 1_000, 1_000, Duration.ofMinutes(10)));
    }

    double rejected(RejectReason reason) {
        return meters.get("gslb.telemetry.rejected").tag("reason", reason.label()).counter().count();
    }

    double accepted(String type) {
        return meters.get("gslb.telemetry.frames").tag("type", type).counter().count();
    }

    TestAgent helloFrom(String node, String site, String token) throws Exception {
        TestAgent a = TestAgent.open(client, server.port(), token).send(node, Frames.hello(node, site));
        await().atMost(WAIT).until(() -> sink.from(node, NodeHello.class) >= 1);
        return a;
    }

    static int upgradeStatus(int port, String path, String token) throws Exception {
        try {
            TestAgent.connect(client, port, false, path, token).get(10, TimeUnit.SECONDS).close();
            return 101;
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(UpgradeRejectedException.class);
            return ((UpgradeRejectedException) e.getCause()).getStatus();
        }
    }

    @Test
    void aGoodStreamReachesTheSinkInOrder() throws Exception {
        start();
        try (TestAgent fra = TestAgent.open(client, server.port(), "fra-token")) {
            fra.send("fra-1", Frames.hello("fra-1", "fra"))
                    .send("fra-1", Frames.batch("fra-1", "fra", "192.0.2.0/24", "2001:db8::/48"))
                    .send("fra-1", Frames.heartbeat("fra-1"));
            await().atMost(WAIT).until(() -> sink.messages.size() == 3);
            assertThat(sink.messages).extracting(m -> m.getClass().getSimpleName())
                    .containsExactly("NodeHello", "MeasurementBatch", "NodeHeartbeat");
            assertThat(accepted("hello")).isEqualTo(1);
            assertThat(accepted("heartbeat")).isEqualTo(1);
            assertThat(accepted("measurement_batch")).isEqualTo(1);
            assertThat(server.connectedNodes()).containsExactly("fra-1");
            assertThat(meters.get("gslb.telemetry.connections").gauge().value()).isEqualTo(1);
        }
        await().atMost(WAIT).until(() -> server.connectedNodes().isEmpty());
    }

    @Test
    void aTakenPortFailsTheStartAndFreesEverything() {
        start();
        TelemetryConfig same = new TelemetryConfig(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
                true, null, null, null, CREDENTIALS, 10, 10, Duration.ofSeconds(30), 64 * 1024, Duration.ofMinutes(1), 10);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TelemetryServer.start(same, inventory::get, sink,
                sightings, new SimpleMeterRegistry(), System::currentTimeMillis))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(String.valueOf(server.port()));
    }

    @Test
    void unknownOrMissingTokensGet401AndOtherPaths404() throws Exception {
        start();
        assertThat(upgradeStatus(server.port(), TelemetryServer.PATH, "wrong-token")).isEqualTo(401);
        assertThat(upgradeStatus(server.port(), TelemetryServer.PATH, null)).isEqualTo(401);
        assertThat(upgradeStatus(server.port(), "/telemetry/v2", "fra-token")).isEqualTo(404);
        assertThat(upgradeStatus(server.port(), "/", "fra-token")).isEqualTo(404);
        assertThat(meters.get("gslb.telemetry.auth.failures").counter().count()).isEqualTo(2);
        assertThat(rejected(RejectReason.UNKNOWN_CREDENTIAL)).isEqualTo(2);
        assertThat(upgradeStatus(server.port(), TelemetryServer.PATH, "fra-token")).isEqualTo(101);
    }

    @Test
    void aNodeClaimingAnotherNodesIdIsRejectedWhileTheRealNodeKeepsFlowing() throws Exception {
        start();
        try (TestAgent fra = helloFrom("fra-1", "fra", "fra-token");
             TestAgent forger = TestAgent.open(client, server.port(), "nyc-token")) {
            forger.send("fra-1", Frames.hello("fra-1", "fra"));
            forger.send("nyc-1", Frames.hello("fra-1", "fra"));
            await().atMost(WAIT).until(() -> rejected(RejectReason.SENDER_MISMATCH) == 2);
            assertThat(forger.isClosed()).as("a few violations only drop frames").isFalse();

            for (int i = 0; i < AgentConnection.VIOLATION_LIMIT; i++) {
                forger.send("fra-1", Frames.batch("fra-1", "fra", "192.0.2.0/24"));
                fra.send("fra-1", Frames.batch("fra-1", "fra", "192.0.2.0/24"));
            }
            assertThat(forger.closed.get(10, TimeUnit.SECONDS)).isEqualTo(AgentConnection.POLICY_VIOLATION);
            assertThat(rejected(RejectReason.SENDER_MISMATCH)).isEqualTo(AgentConnection.VIOLATION_LIMIT + 1);
            await().atMost(WAIT).until(() -> sink.from("fra-1", MeasurementBatch.class) == AgentConnection.VIOLATION_LIMIT);
            fra.send("fra-1", Frames.heartbeat("fra-1"));
            await().atMost(WAIT).until(() -> sink.from("fra-1", NodeHeartbeat.class) == 1);
            assertThat(fra.isClosed()).isFalse();
            assertThat(sink.from("nyc-1", NodeHello.class)).isZero();
            assertThat(sink.from("fra-1", NodeHello.class)).as("only the real fra-1's hello").isEqualTo(1);
        }
    }

    @Test
    void malformedBytesAreCountedAndTheStreamGoesOn() throws Exception {
        start();
        try (TestAgent fra = helloFrom("fra-1", "fra", "fra-token")) {
            fra.sendRaw(new byte[] {1, 2, 3});
            byte[] good = new TelemetryFrameCodec().encode(TelemetryEnvelope.of("fra-1", fra.nextSequence(),
                    System.currentTimeMillis(), Frames.heartbeat("fra-1")));
            fra.sendRaw(java.util.Arrays.copyOf(good, good.length - 3));
            byte[] future = good.clone();
            future[2] = 99;
            fra.sendRaw(future);
            fra.socket.writeTextMessage("hello?");
            fra.send("fra-1", Frames.heartbeat("fra-1"));
            await().atMost(WAIT).until(() -> sink.from("fra-1", NodeHeartbeat.class) == 1);
            assertThat(rejected(RejectReason.MALFORMED)).isEqualTo(2);
            assertThat(rejected(RejectReason.UNSUPPORTED_VERSION)).isEqualTo(1);
            assertThat(rejected(RejectReason.UNEXPECTED_TYPE)).isEqualTo(1);
        }
    }

    @Test
    void outOfRangeAndInvalidPrefixBatchesAreRejected() throws Exception {
        start();
        try (TestAgent fra = helloFrom("fra-1", "fra", "fra-token")) {
            byte[] batch = new TelemetryFrameCodec().encode(TelemetryEnvelope.of("fra-1", fra.nextSequence(),
                    System.currentTimeMillis(), Frames.batch("fra-1", "fra", "192.0.2.0/24")));
            int rtt = batch.length - 4 - 3 * 8;
            assertThat(ByteBuffer.wrap(batch).getDouble(rtt)).isEqualTo(20.0);
            ByteBuffer.wrap(batch).putDouble(rtt, -5.0);
            fra.sendRaw(batch);
            ByteBuffer.wrap(batch).putDouble(rtt, 20.0).putDouble(rtt + 16, 1.5); // loss above 1
            fra.sendRaw(batch);
            fra.send("fra-1", Frames.batch("fra-1", "fra", "224.0.1.0/24"));
            fra.send("fra-1", Frames.batch("fra-1", "nyc", "192.0.2.0/24"));
            fra.send(TelemetryEnvelope.of("fra-1", fra.nextSequence(), System.currentTimeMillis() - 3_600_000,
                    Frames.heartbeat("fra-1")));
            fra.send(new TelemetryEnvelope(1, "fra-1", 1, System.currentTimeMillis(), Frames.heartbeat("fra-1")));
            fra.send("fra-1", MeasurementBatch.of("fra-1", "fra", 666, List.of()));
            fra.send("fra-1", Frames.batch("fra-1", "fra", "198.51.100.0/24"));
            await().atMost(WAIT).until(() -> sink.from("fra-1", MeasurementBatch.class) == 1);
            assertThat(rejected(RejectReason.OUT_OF_RANGE)).isEqualTo(2);
            assertThat(rejected(RejectReason.INVALID_PREFIX)).isEqualTo(1);
            assertThat(rejected(RejectReason.SITE_MISMATCH)).isEqualTo(1);
            assertThat(rejected(RejectReason.CLOCK_SKEW)).isEqualTo(1);
            assertThat(rejected(RejectReason.REPLAY)).isEqualTo(1);
            assertThat(rejected(RejectReason.REJECTED_BY_POLICY)).isEqualTo(1);
            assertThat(((MeasurementBatch) sink.messages.get(1)).measurements().get(0).prefix())
                    .isEqualTo(ClientPrefix.parse("198.51.100.0/24"));
        }
    }

    @Test
    void aMessageAboveMaxFrameBytesClosesThatConnectionOnly() throws Exception {
        start();
        try (TestAgent fra = helloFrom("fra-1", "fra", "fra-token");
             TestAgent nyc = helloFrom("nyc-1", "nyc", "nyc-token")) {
            nyc.sendRaw(new byte[64 * 1024 + 1]);
            nyc.closed.get(10, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> rejected(RejectReason.FRAME_TOO_LARGE) == 1);
            fra.send("fra-1", Frames.heartbeat("fra-1"));
            await().atMost(WAIT).until(() -> sink.from("fra-1", NodeHeartbeat.class) == 1);
        }
    }

    @Test
    void framesBeforeTheHelloAreRefused() throws Exception {
        start();
        try (TestAgent fra = TestAgent.open(client, server.port(), "fra-token")) {
            fra.send("fra-1", Frames.heartbeat("fra-1")).send("fra-1", Frames.hello("fra-1", "fra"));
            await().atMost(WAIT).until(() -> sink.from("fra-1", NodeHello.class) == 1);
            assertThat(rejected(RejectReason.HELLO_REQUIRED)).isEqualTo(1);
            assertThat(sink.from("fra-1", NodeHeartbeat.class)).isZero();
        }
    }

    @Test
    void aBatchFloodIsRateLimitedWhileHeartbeatsAndOtherNodesGetThrough() throws Exception {
        start(config(CREDENTIALS, 5, 10, Duration.ofMinutes(10)));
        try (TestAgent fra = helloFrom("fra-1", "fra", "fra-token");
             TestAgent nyc = helloFrom("nyc-1", "nyc", "nyc-token")) {
            for (int i = 0; i < 200; i++) {
                fra.send("fra-1", Frames.batch("fra-1", "fra", "192.0.2.0/24"));
            }
            fra.send("fra-1", Frames.heartbeat("fra-1"));
            nyc.send("nyc-1", Frames.batch("nyc-1", "nyc", "192.0.2.0/24"));
            await().atMost(WAIT).until(() -> sink.from("fra-1", NodeHeartbeat.class) == 1
                    && sink.from("nyc-1", MeasurementBatch.class) == 1);
            await().atMost(WAIT).until(() -> rejected(RejectReason.RATE_LIMITED)
                    + sink.from("fra-1", MeasurementBatch.class) == 200);
            assertThat(rejected(RejectReason.RATE_LIMITED)).isGreaterThanOrEqualTo(200 - 9 - 10);
            assertThat(fra.isClosed()).as("rate limiting drops frames, not agents").isFalse();
        }
    }

    @Test
    void agentsGetTheBusiestResolverPrefixesAfterTheirHelloAndPeriodically() throws Exception {
        for (int i = 0; i < 30; i++) {
            sightings.record(new InetSocketAddress(InetAddress.getByName("192.0.2.53"), 4000));
        }
        sightings.record(new InetSocketAddress(InetAddress.getByName("2001:db8::53"), 4000));
        start(config(CREDENTIALS, 1_000, 1_000, Duration.ofMillis(300)));
        try (TestAgent fra = helloFrom("fra-1", "fra", "fra-token")) {
            await().atMost(WAIT).until(() -> !fra.received.isEmpty());
            TelemetryEnvelope first = fra.received.get(0);
            assertThat(first.senderId()).isEqualTo("dns:127.0.0.1:" + server.port());
            assertThat(first.sequence()).isEqualTo(1);
            ProbeTargetList list = (ProbeTargetList) first.payload();
            assertThat(list.targets()).extracting(ProbeTarget::prefix)
                    .containsExactly(ClientPrefix.parse("192.0.2.0/24"), ClientPrefix.parse("2001:db8::/48"));
            assertThat(list.targets().get(0).address()).isEqualTo(InetAddress.getByName("192.0.2.53"));
            assertThat(list.targets().get(0).method()).isEqualTo(MeasurementSource.DNS_PROBE);
            assertThat(list.targets().get(0).weight()).isEqualTo(30.0 / 31);

            await().atMost(WAIT).until(() -> fra.received.size() >= 3);
            for (int i = 1; i < fra.received.size(); i++) {
                TelemetryEnvelope prev = fra.received.get(i - 1);
                TelemetryEnvelope next = fra.received.get(i);
                assertThat(next.sequence()).isGreaterThan(prev.sequence());
                assertThat(((ProbeTargetList) next.payload()).generation())
                        .isGreaterThan(((ProbeTargetList) prev.payload()).generation());
            }
        }
    }

    @Test
    void noProbeTargetsBeforeTheHello() throws Exception {
        start(config(CREDENTIALS, 1_000, 1_000, Duration.ofMillis(100)));
        try (TestAgent silent = TestAgent.open(client, server.port(), "fra-token");
             TestAgent talking = helloFrom("nyc-1", "nyc", "nyc-token")) {
            await().atMost(WAIT).until(() -> talking.received.size() >= 3);
            assertThat(silent.received).isEmpty();
        }
    }

    @Test
    void aNewerConnectionOfTheSameNodeReplacesTheOlder() throws Exception {
        start();
        try (TestAgent older = helloFrom("fra-1", "fra", "fra-token");
             TestAgent newer = TestAgent.open(client, server.port(), "fra-token")) {
            older.closed.get(10, TimeUnit.SECONDS);
            newer.send("fra-1", Frames.hello("fra-1", "fra")).send("fra-1", Frames.heartbeat("fra-1"));
            await().atMost(WAIT).until(() -> sink.from("fra-1", NodeHeartbeat.class) == 1);
            assertThat(server.connectedNodes()).containsExactly("fra-1");
            assertThat(newer.isClosed()).isFalse();
        }
    }

    @Test
    void aReloadClosesConnectionsWhoseTokenChangedOrWhoseNodeWasRemoved() throws Exception {
        start();
        try (TestAgent fra = helloFrom("fra-1", "fra", "fra-token");
             TestAgent nyc = helloFrom("nyc-1", "nyc", "nyc-token")) {
            server.reconfigure(config(Map.of("fra-1", NodeCredential.ofToken("fra-1", "fra-token"),
                    "nyc-1", NodeCredential.ofToken("nyc-1", "rotated")), 1_000, 1_000, Duration.ofMinutes(10)));
            assertThat(nyc.closed.get(10, TimeUnit.SECONDS)).isEqualTo(AgentConnection.POLICY_VIOLATION);
            assertThat(upgradeStatus(server.port(), TelemetryServer.PATH, "nyc-token")).isEqualTo(401);
            try (TestAgent rotated = helloFrom("nyc-1", "nyc", "rotated")) {
                inventory.set(inventory(false));
                server.reconfigure(config(Map.of("fra-1", NodeCredential.ofToken("fra-1", "fra-token")), 1_000, 1_000,
                        Duration.ofMinutes(10)));
                rotated.closed.get(10, TimeUnit.SECONDS);
            }
            fra.send("fra-1", Frames.heartbeat("fra-1"));
            await().atMost(WAIT).until(() -> sink.from("fra-1", NodeHeartbeat.class) == 1);
            assertThat(fra.isClosed()).isFalse();
        }
    }
}
