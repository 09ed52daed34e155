package net.voicegslb.gslb.dns.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.dns.config.NodeCredential;
import net.voicegslb.gslb.dns.config.TelemetryConfig;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * wss:// from the PEM fixtures in {@code src/test/resources/telemetry} (see the README there): a
 * token over TLS, and mutual TLS where the client certificate's CN is the node id.
 */
class TelemetryServerTlsIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    static Vertx vertx;

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final RecordingSink sink = new RecordingSink();
    TelemetryServer server;

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Path fixture(String name) {
        try {
            return Path.of(TelemetryServerTlsIT.class.getResource("/telemetry/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static TelemetryConfig tls(Path clientCa) {
        return new TelemetryConfig(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false,
                fixture("server.pem"), fixture("server.key"), clientCa,
                Map.of("fra-1", NodeCredential.ofToken("fra-1", "fra-token")), 100, 100, Duration.ofSeconds(30),
                64 * 1024, Duration.ofMinutes(10), 100);
    }

    void start(TelemetryConfig config) {
        server = TelemetryServer.start(config, () -> TelemetryServerIT.inventory(true), sink, new ResolverSightings(),
                meters, System::currentTimeMillis);
    }

    static WebSocketClient client(String agentCert) {
        WebSocketClientOptions o = new WebSocketClientOptions()
                .setTrustOptions(new PemTrustOptions().addCertPath(fixture("server.pem").toString()));
        if (agentCert != null) {
            o.setKeyCertOptions(new PemKeyCertOptions().setCertPath(fixture(agentCert + ".pem").toString())
                    .setKeyPath(fixture(agentCert + ".key").toString()));
        }
        return vertx.createWebSocketClient(o);
    }

    /**
     * One connect, no retry. (Until the agent held its client, a GC during the TLS handshake let
     * Vert.x's Cleaner close the unreachable client and its connection; with {@code System.gc()}
     * every 2 ms, 40 of 40 such connects failed with "Connection closed" and 0 of 40 with the client
     * held. The product's agent keeps its clients in fields.)
     */
    TestAgent connect(String agentCert, String token) throws Exception {
        return TestAgent.connect(client(agentCert), server.port(), true, TelemetryServer.PATH, token)
                .get(10, TimeUnit.SECONDS);
    }

    /**
     * The reproduction behind {@link #connect}'s "no retry": connects made while another thread
     * collects garbage every 2 ms all succeed, because the agent holds its client.
     */
    @Test
    void connectsSurviveGarbageCollectionDuringTheHandshake() throws Exception {
        start(tls(null));
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread collector = new Thread(() -> {
            while (!done.get()) {
                System.gc();
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gc-every-2ms");
        collector.start();
        try {
            for (int i = 0; i < 20; i++) {
                connect(null, "fra-token").close();
            }
        } finally {
            done.set(true);
            collector.join(5000);
        }
    }

    /**
     * The upgrade's answer (101 when accepted, else the HTTP status) as the JDK's own WebSocket
     * client sees it: a second client no one here wrote, which verifies the server certificate's
     * IP SAN. No retry.
     */
    int refusal(String agentCert, String token) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().sslContext(sslContext(agentCert))
                .connectTimeout(Duration.ofSeconds(10)).build();
        java.net.http.WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            java.net.http.WebSocket ws = b.buildAsync(java.net.URI.create("wss://127.0.0.1:" + server.port()
                    + TelemetryServer.PATH), new java.net.http.WebSocket.Listener() { }).get(15, TimeUnit.SECONDS);
            ws.abort();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw new AssertionError("no answer to the upgrade", e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Trusts the test server's certificate; shows {@code agentCert} as the client certificate if given. */
    private static javax.net.ssl.SSLContext sslContext(String agentCert) {
        try {
            io.netty.handler.ssl.SslContextBuilder b = io.netty.handler.ssl.SslContextBuilder.forClient()
                    .sslProvider(io.netty.handler.ssl.SslProvider.JDK).trustManager(fixture("server.pem").toFile());
            if (agentCert != null) {
                b.keyManager(fixture(agentCert + ".pem").toFile(), fixture(agentCert + ".key").toFile());
            }
            return ((io.netty.handler.ssl.JdkSslContext) b.build()).context();
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    private double authFailures() {
        var c = meters.find("gslb.telemetry.auth.failures").counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aTokenOverTlsAuthenticatesTheNode() throws Exception {
        start(tls(null));
        try (TestAgent fra = connect(null, "fra-token")) {
            assertThat(fra.socket.isSsl()).isTrue();
            fra.send("fra-1", Frames.hello("fra-1", "fra"));
            await().atMost(WAIT).until(() -> sink.from("fra-1", NodeHello.class) == 1);
        }
        assertThat(refusal(null, "wrong")).isEqualTo(401);
        assertThat(refusal("agent-fra-1", null)).as("no client CA configured: the certificate counts for nothing")
                .isEqualTo(401);
    }

    @Test
    void aClientCertificateNamingAConfiguredNodeAuthenticatesIt() throws Exception {
        // the fixtures name their node by CN only: the compatibility switch (TelemetryMtlsIT covers SAN and EKU)
        start(tls(fixture("ca.pem")).withCnIdentity(true));
        try (TestAgent fra = connect("agent-fra-1", null)) {
            fra.send("fra-1", Frames.hello("fra-1", "fra"));
            await().atMost(WAIT).until(() -> sink.from("fra-1", NodeHello.class) == 1);
            fra.send("nyc-1", Frames.hello("nyc-1", "nyc"));
            await().atMost(WAIT).until(() -> meters.get("gslb.telemetry.rejected")
                    .tag("reason", RejectReason.SENDER_MISMATCH.label()).counter().count() == 1);
        }
        assertThat(refusal("agent-evil-9", null)).as("CN of a node not in the inventory").isEqualTo(401);
        assertThat(refusal(null, null)).isEqualTo(401);
        assertThat(refusal(null, "fra-token")).as("tokens still work next to certificates").isEqualTo(101);
        // exactly the two refusals above: the server counts each attempt once, nothing is retried
        assertThat(meters.get("gslb.telemetry.auth.failures").counter().count()).isEqualTo(2);
    }

    @Test
    void plaintextIsRefusedOffLoopbackAndTlsNeedsItsFiles() {
        TelemetryConfig open = new TelemetryConfig(new InetSocketAddress("0.0.0.0", 0), true, null, null, null,
                Map.of(), 10, 10, Duration.ofSeconds(30), 64 * 1024, Duration.ofMinutes(1), 10);
        assertThatThrownBy(() -> TelemetryServer.start(open, () -> TelemetryServerIT.inventory(true), sink,
                new ResolverSightings(), meters, System::currentTimeMillis))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
        TelemetryConfig noKey = new TelemetryConfig(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false,
                fixture("server.pem"), null, null, Map.of(), 10, 10, Duration.ofSeconds(30), 64 * 1024,
                Duration.ofMinutes(1), 10);
        assertThatThrownBy(() -> TelemetryServer.start(noKey, () -> TelemetryServerIT.inventory(true), sink,
                new ResolverSightings(), meters, System::currentTimeMillis))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key_pem");
    }
}
