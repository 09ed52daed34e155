package net.voicegslb.gslb.dns.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A bounded flood (15 s) of TCP connects with partial and complete TLS ClientHellos from
 * 127.0.0.2-127.0.0.201 against the TLS telemetry port, while a real agent of node fra-1 streams
 * heartbeats over wss:// from 127.0.0.1: no gap between two heartbeats reaching the sink may come
 * near the liveness timeout (3 missed 1 s heartbeats), the agent's connection stays open, and the
 * flood is refused and counted by the admission gate.
 */
class TelemetryFloodIT {

    private static final Duration FLOOD = Duration.ofSeconds(15);
    private static final long HEARTBEAT_MILLIS = 250;
    /** health.heartbeat_interval x health.missed_heartbeats with the defaults: a node is down past this. */
    private static final long DOWN_AFTER_MILLIS = 3_000;
    private static final int FLOOD_THREADS = 4;
    private static final int MAX_ATTEMPTS = 200_000;
    private static final int MAX_HELD_PER_THREAD = 1_000;

    /** Records when each heartbeat of fra-1 reached the sink. */
    private static final class TimedSink implements TelemetrySink {
        final List<Long> heartbeats = new CopyOnWriteArrayList<>();
        volatile boolean hello;

        @Override
        public void onHello(NodeHello h, long nowMillis) {
            hello = true;
        }

        @Override
        public void onHeartbeat(NodeHeartbeat hb, long nowMillis) {
            heartbeats.add(System.nanoTime());
        }

        @Override
        public void onMeasurements(MeasurementBatch batch, long nowMillis) {
        }
    }

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TimedSink sink = new TimedSink();
    private TelemetryServer server;
    private Vertx vertx;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aHandshakeFloodNeitherDelaysHeartbeatsNorClosesTheAgent() throws Exception {
        server = TelemetryServer.start(TelemetryServerTlsIT.tls(null), () -> TelemetryServerIT.inventory(true), sink,
                new ResolverSightings(), meters, System::currentTimeMillis);
        vertx = Vertx.vertx();
        WebSocketClient client = vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions()
                .setTrustOptions(new io.vertx.core.net.PemTrustOptions()
                        .addCertPath(TelemetryServerTlsIT.fixture("server.pem").toString())));
        TestAgent agent = connect(client);
        agent.send("fra-1", Frames.hello("fra-1", "fra", HEARTBEAT_MILLIS));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.hello);
        long timer = vertx.setPeriodic(HEARTBEAT_MILLIS, id -> agent.send("fra-1", Frames.heartbeat("fra-1")));

        byte[] hello = clientHello();
        AtomicLong attempts = new AtomicLong();
        AtomicLong connected = new AtomicLong();
        long floodStart = System.nanoTime();
        long deadline = floodStart + FLOOD.toNanos();
        ExecutorService flooders = Executors.newFixedThreadPool(FLOOD_THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < FLOOD_THREADS; t++) {
            int thread = t;
            done.add(flooders.submit(() -> flood(thread, hello, deadline, attempts, connected)));
        }
        for (Future<?> f : done) {
            f.get(FLOOD.toSeconds() + 30, TimeUnit.SECONDS);
        }
        flooders.shutdownNow();
        long floodEnd = System.nanoTime();
        vertx.cancelTimer(timer);

        List<Long> during = sink.heartbeats.stream().filter(t -> t >= floodStart && t <= floodEnd).toList();
        long maxGapMillis = maxGapMillis(floodStart, during, floodEnd);
        double refused = meters.find("gslb.telemetry.connections.refused").counters().stream()
                .mapToDouble(Counter::count).sum();
        String summary = "flood: " + attempts.get() + " attempts, " + connected.get() + " connected, " + refused
                + " refused by the gate; " + during.size() + " heartbeats during the flood, longest gap "
                + maxGapMillis + " ms";
        System.out.println("TelemetryFloodIT: " + summary);

        assertThat(maxGapMillis).as(summary).isLessThan(DOWN_AFTER_MILLIS / 2);
        assertThat(agent.isClosed()).as("the authenticated agent is never closed by the gate").isFalse();
        assertThat(server.connectedNodes()).contains("fra-1");
        assertThat(refused).as(summary).isPositive();
        assertThat(meters.get("gslb.telemetry.connections.unauthenticated").gauge().value())
                .isLessThanOrEqualTo(256);
        agent.close();
    }

    /** Connects and sends a ClientHello (all of it, or its first 40 bytes) until the deadline; holds sockets open. */
    private static void flood(int thread, byte[] hello, long deadline, AtomicLong attempts, AtomicLong connected) {
        List<Socket> held = new ArrayList<>();
        int port = -1;
        try {
            for (int i = 0; System.nanoTime() < deadline && attempts.incrementAndGet() <= MAX_ATTEMPTS; i++) {
                InetAddress from = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + (thread * 50 + i) % 200)});
                Socket s = new Socket();
                try {
                    s.bind(new InetSocketAddress(from, 0));
                    s.connect(new InetSocketAddress("127.0.0.1", floodPort), 500);
                    OutputStream out = s.getOutputStream();
                    out.write(i % 2 == 0 ? hello : Arrays.copyOf(hello, 40));
                    out.flush();
                    connected.incrementAndGet();
                } catch (IOException e) {
                    // refused or reset by the gate: that is the point
                }
                held.add(s);
                if (held.size() >= MAX_HELD_PER_THREAD) {
                    closeQuietly(held.remove(0));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            held.forEach(TelemetryFloodIT::closeQuietly);
        }
    }

    private static volatile int floodPort;

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing a socket the server already dropped
        }
    }

    private TestAgent connect(WebSocketClient client) throws Exception {
        floodPort = server.port();
        return TestAgent.connect(client, server.port(), true, TelemetryServer.PATH, "fra-token").get(10, TimeUnit.SECONDS);
    }

    private static long maxGapMillis(long start, List<Long> beats, long end) {
        long previous = start;
        long max = 0;
        for (long t : beats) {
            max = Math.max(max, t - previous);
            previous = t;
        }
        max = Math.max(max, end - previous);
        return TimeUnit.NANOSECONDS.toMillis(max);
    }

    /** A real TLS ClientHello as the JDK sends it: complete enough that the server must do its part. */
    private static byte[] clientHello() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, null, null);
        SSLEngine engine = ctx.createSSLEngine("127.0.0.1", 443);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }
}
