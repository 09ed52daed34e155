package net.voicegslb.gslb.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.agent.lab.TelemetryTestServer;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.model.SipEndpoint;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;
import net.voicegslb.gslb.policy.telemetry.ProbeTarget;
import net.voicegslb.gslb.policy.telemetry.ProbeTargetList;
import net.voicegslb.gslb.policy.telemetry.TelemetryEnvelope;
import net.voicegslb.gslb.policy.telemetry.WireProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The telemetry client against real WebSocket servers on 127.0.0.1 (TelemetryTestServer): order
 * of what a connection carries, reconnect with backoff and a fresh snapshot, token rejection,
 * bounded queues with counted drops, and a stalled node that must not delay a healthy one.
 */
class TelemetryClientIT {

    static final String TOKEN = "s3cret-token";
    static final Duration WAIT = Duration.ofSeconds(20);

    Vertx vertx;
    final List<AutoCloseable> closeables = new ArrayList<>();
    final FakeAgent agent = new FakeAgent();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    TelemetryTestServer server(String token) {
        TelemetryTestServer s = new TelemetryTestServer(vertx, token).listen();
        closeables.add(s);
        return s;
    }

    TelemetryClient client(TelemetrySettings settings, ProbeTargetListener targets, TelemetryEndpoint... endpoints) {
        TelemetryClient c = new TelemetryClient(vertx, List.of(endpoints), "fra-1", agent, targets,
                AgentClock.system(), settings, new Random(7), o -> { }, new SimpleMeterRegistry());
        closeables.add(c);
        c.start();
        return c;
    }

    static TelemetryEndpoint endpoint(TelemetryTestServer s, String token) {
        return new TelemetryEndpoint(URI.create(s.url()), () -> token);
    }

    static TelemetrySettings fast() {
        return new TelemetrySettings(4, 32, 64 * 1024, 50, 400, 60_000, 2_000);
    }

    @Test
    void aConnectionCarriesHelloThenSnapshotThenHeartbeatsAndDeltas() {
        TelemetryTestServer s = server(TOKEN);
        TelemetryClient c = client(fast(), (n, l) -> { }, endpoint(s, TOKEN));
        await().atMost(WAIT).until(() -> s.last() != null && s.last().received.size() >= 3);
        c.publish(FakeAgent.heartbeat(5));
        c.publish(FakeAgent.batch(false, 3));
        await().atMost(WAIT).until(() -> s.last().received.size() >= 5);

        List<TelemetryEnvelope> got = s.last().received;
        assertThat(got.get(0).payload()).isInstanceOf(NodeHello.class);
        assertThat(((MeasurementBatch) got.get(1).payload()).snapshot()).isTrue();
        assertThat(((MeasurementBatch) got.get(2).payload()).snapshot()).isTrue();
        assertThat(got.get(3).payload()).isEqualTo(FakeAgent.heartbeat(5));
        assertThat(((MeasurementBatch) got.get(4).payload()).snapshot()).isFalse();
        assertThat(got).extracting(TelemetryEnvelope::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(got).allSatisfy(e -> {
            assertThat(e.senderId()).isEqualTo("fra-1");
            assertThat(e.protocolVersion()).isEqualTo(WireProtocol.VERSION);
            assertThat(e.sentAtMillis()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
        });
        assertThat(s.last().problems).isEmpty();
    }

    @Test
    void reconnectsWithBackoffAndSendsAFreshSnapshotEachTime() {
        TelemetryTestServer s = server(TOKEN);
        TelemetryClient c = client(fast(), (n, l) -> { }, endpoint(s, TOKEN));
        await().atMost(WAIT).until(() -> s.connections().size() == 1 && s.last().received.size() >= 3);

        s.closeAll();
        await().atMost(WAIT).until(() -> s.connections().size() == 2 && s.last().received.size() >= 3);
        assertThat(s.last().received.get(0).payload()).isInstanceOf(NodeHello.class);
        assertThat(s.last().received.get(0).sequence()).as("sequence restarts per connection").isEqualTo(1);
        assertThat(((MeasurementBatch) s.last().received.get(1).payload()).snapshot()).isTrue();

        // The node dies: attempts fail, backing off; deltas queued meanwhile are bounded.
        s.stopListening();
        await().atMost(WAIT).until(() -> c.status().get(0).failures() >= 3);
        assertThat(c.status().get(0).state()).isEqualTo(LinkState.BACKING_OFF);
        for (int i = 0; i < 100; i++) {
            c.publish(FakeAgent.batch(false, 1));
        }
        assertThat(c.status().get(0).queued()).isLessThanOrEqualTo(32);
        assertThat(c.status().get(0).droppedBatches()).isEqualTo(100 - 32);

        // It comes back on the same port: the agent refills it with a snapshot, not the old deltas.
        s.listen();
        await().atMost(WAIT).until(() -> s.connections().size() == 3 && s.last().received.size() >= 3);
        await().atMost(WAIT).until(() -> c.status().get(0).state() == LinkState.CONNECTED);
        assertThat(c.status().get(0).supersededBatches()).isEqualTo(32);
        assertThat(s.last().received).extracting(e -> e.payload().getClass().getSimpleName())
                .startsWith("NodeHello", "MeasurementBatch", "MeasurementBatch");
        assertThat(c.status().get(0).connects()).isEqualTo(3);
    }

    @Test
    void aWrongTokenIsRejectedAndRetriedUntilTheTokenIsFixed() {
        TelemetryTestServer s = server(TOKEN);
        AtomicReference<String> token = new AtomicReference<>("wrong");
        TelemetryClient c = client(fast(), (n, l) -> { },
                new TelemetryEndpoint(URI.create(s.url()), token::get));
        await().atMost(WAIT).until(() -> c.status().get(0).rejections() >= 2);
        assertThat(c.status().get(0).state()).isEqualTo(LinkState.REJECTED);
        assertThat(c.status().get(0).lastError()).contains("401");
        assertThat(s.connections()).isEmpty();
        assertThat(s.rejected()).isGreaterThanOrEqualTo(2);

        token.set(TOKEN); // e.g. the token file was rotated: read again at the next attempt
        await().atMost(WAIT).until(() -> c.status().get(0).state() == LinkState.CONNECTED);
        assertThat(s.connections()).hasSize(1);
    }

    @Test
    void aStalledNodeFillsOnlyItsOwnBoundedQueueAndTheOtherNodeGetsEverything() {
        TelemetryTestServer stalled = server(TOKEN);
        TelemetryTestServer healthy = server(TOKEN);
        stalled.stall();
        TelemetrySettings settings = new TelemetrySettings(2, 16, 16 * 1024, 50, 400, 60_000, 2_000);
        TelemetryClient c = client(settings, (n, l) -> { }, endpoint(stalled, TOKEN), endpoint(healthy, TOKEN));
        await().atMost(WAIT).until(() -> c.status().stream().allMatch(st -> st.state() == LinkState.CONNECTED));

        int batches = 1500; // 1500 × 200 measurements × 39 bytes ≈ 12 MB: more than the socket buffers hold
        int heartbeats = 0;
        for (int i = 0; i < batches; i++) {
            // Paced by the healthy node (a real agent publishes every few seconds): the healthy link's
            // queue must never be the bottleneck, so any drop there would be a real interference.
            int n = i;
            await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .alias("healthy queue at batch " + n + ": " + c.status() + " healthy got "
                            + countBatches(healthy, false))
                    .until(() -> c.status().get(1).queued() < 8);
            c.publish(FakeAgent.batch(false, 200));
            if (i % 20 == 0) {
                c.publish(FakeAgent.heartbeat(++heartbeats));
            }
        }
        int expectedHeartbeats = heartbeats;
        await().atMost(WAIT).until(() -> countBatches(healthy, false) == batches
                && countHeartbeats(healthy) >= expectedHeartbeats);
        await().atMost(WAIT).until(() -> c.status().get(0).droppedBatches() > 0);

        LinkStatus st = c.status().get(0);
        assertThat(st.queued()).isLessThanOrEqualTo(2 + 16);
        assertThat(st.droppedHeartbeats()).isPositive();
        assertThat(c.status().get(1).droppedBatches()).isZero();
        assertThat(c.status().get(1).droppedHeartbeats()).isZero();
        assertThat(healthy.last().problems).isEmpty();
        System.out.printf("stalled node: queued %d, dropped %d batches and %d heartbeats; healthy node got %d batches%n",
                st.queued(), st.droppedBatches(), st.droppedHeartbeats(), countBatches(healthy, false));
    }

    @Test
    void probeTargetListsReachTheListenerAndReplaysAreIgnored() throws Exception {
        TelemetryTestServer s = server(TOKEN);
        List<ProbeTargetList> got = new CopyOnWriteArrayList<>();
        client(fast(), (dns, list) -> got.add(list), endpoint(s, TOKEN));
        await().atMost(WAIT).until(() -> s.last() != null && s.last().received.size() >= 3);
        ProbeTargetList list = new ProbeTargetList(WireProtocol.VERSION, 1, List.of(new ProbeTarget(
                ClientPrefix.parse("198.51.100.0/24"), InetAddress.getByName("198.51.100.53"),
                MeasurementSource.DNS_PROBE, 1.0)));
        s.send("dns-a", list, 5);
        s.send("dns-a", new ProbeTargetList(WireProtocol.VERSION, 2, List.of()), 5); // replayed sequence
        s.send("dns-a", new ProbeTargetList(WireProtocol.VERSION, 3, List.of()), 6);
        await().atMost(WAIT).until(() -> got.size() >= 2);
        assertThat(got).extracting(ProbeTargetList::generation).containsExactly(1L, 3L);
        assertThat(got.get(0)).isEqualTo(list);
    }

    static long countBatches(TelemetryTestServer s, boolean snapshot) {
        return s.connections().stream().flatMap(c -> c.received.stream())
                .filter(e -> e.payload() instanceof MeasurementBatch b && b.snapshot() == snapshot).count();
    }

    static long countHeartbeats(TelemetryTestServer s) {
        return s.connections().stream().flatMap(c -> c.received.stream())
                .filter(e -> e.payload() instanceof NodeHeartbeat).count();
    }

    /** A snapshot source with two snapshot batches and a counter-based heartbeat. */
    static final class FakeAgent implements SnapshotSource {
        static final AtomicLong WINDOW = new AtomicLong();

        static NodeHeartbeat heartbeat(long seq) {
            return NodeHeartbeat.healthy("fra-1", seq, 3, 1000, 0.2);
        }

        static MeasurementBatch batch(boolean snapshot, int prefixes) {
            List<PrefixMeasurement> list = new ArrayList<>(prefixes);
            for (int i = 0; i < prefixes; i++) {
                list.add(new PrefixMeasurement(new ClientPrefix(false, (0x0A000000L + ((long) i << 8)) << 32, 0, 24),
                        MeasurementSource.STAMP, 20 + i % 7, 1, 0.01, 50));
            }
            return new MeasurementBatch(WireProtocol.VERSION, "fra-1", "fra", WINDOW.incrementAndGet(), list, snapshot);
        }

        @Override
        public NodeHello hello() {
            try {
                return new NodeHello(WireProtocol.VERSION, "fra-1", "fra", "fra-1.test",
                        List.of(InetAddress.getByName("127.0.0.1")), List.of(new SipEndpoint(SipTransport.UDP, 5060)),
                        100, "test", 1000);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public NodeHeartbeat latestHeartbeat() {
            return null;
        }

        @Override
        public List<MeasurementBatch> snapshot() {
            return List.of(batch(true, 3), batch(true, 2));
        }
    }
}
