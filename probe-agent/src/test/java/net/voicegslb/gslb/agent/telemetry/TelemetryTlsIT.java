package net.voicegslb.gslb.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.net.PfxOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.agent.config.AgentConfig;
import net.voicegslb.gslb.agent.lab.TelemetryTestServer;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wss:// with a bearer token against a node whose certificate (IP SAN 127.0.0.1, made with the
 * JDK's keytool) is trusted through {@code telemetry.tls.trust_pem}; without that trust anchor the
 * handshake must fail and the link keep backing off.
 */
class TelemetryTlsIT {

    @TempDir
    static Path dir;
    static Vertx vertx;
    static TelemetryTestServer server;

    @BeforeAll
    static void start() throws Exception {
        Path p12 = dir.resolve("node.p12");
        run("keytool", "-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", p12.toString(), "-storepass", "changeit", "-keypass", "changeit");
        run("keytool", "-exportcert", "-rfc", "-alias", "node", "-keystore", p12.toString(), "-storepass",
                "changeit", "-file", dir.resolve("node.pem").toString());
        vertx = Vertx.vertx();
        server = new TelemetryTestServer(vertx, "tls-token")
                .withTls(new PfxOptions().setPath(p12.toString()).setPassword("changeit")).listen();
    }

    static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    TelemetryClient client(AgentConfig.TlsFiles tls) {
        return new TelemetryClient(vertx, List.of(new TelemetryEndpoint(URI.create(server.url()), () -> "tls-token")),
                "fra-1", new TelemetryClientIT.FakeAgent(), (n, l) -> { }, AgentClock.system(),
                new TelemetrySettings(4, 32, 64 * 1024, 50, 400, 60_000, 2_000), new Random(1), TlsOptions.from(tls),
                new SimpleMeterRegistry());
    }

    @Test
    void aTrustedNodeGetsTheStreamOverTls() {
        assertThat(server.url()).startsWith("wss://");
        try (TelemetryClient c = client(new AgentConfig.TlsFiles(dir.resolve("node.pem"), null, null))) {
            c.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> c.status().get(0).state() == LinkState.CONNECTED);
            await().atMost(Duration.ofSeconds(20)).until(() -> server.last() != null && !server.last().received.isEmpty());
            assertThat(server.last().received.get(0).payload()).isInstanceOf(NodeHello.class);
        }
    }

    @Test
    void anUntrustedCertificateIsNeverSentTheToken() {
        int before = server.connections().size();
        try (TelemetryClient c = client(AgentConfig.TlsFiles.NONE)) {
            c.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> c.status().get(0).failures() >= 2);
            assertThat(c.status().get(0).connects()).isZero();
            assertThat(c.status().get(0).lastError()).isNotNull();
        }
        assertThat(server.connections()).hasSize(before);
        assertThat(server.rejected()).isZero();
    }
}
