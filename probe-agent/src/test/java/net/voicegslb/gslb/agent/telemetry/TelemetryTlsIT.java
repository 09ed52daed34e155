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
        return client(server, tls);
    }

    TelemetryClient client(TelemetryTestServer node, AgentConfig.TlsFiles tls) {
        return new TelemetryClient(vertx, List.of(new TelemetryEndpoint(URI.create(node.url()), () -> "tls-token")),
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
    void mutualTlsAuthenticatesTheAgentByItsCertificate() throws Exception {
        Path p12 = dir.resolve("agent.p12");
        run("keytool", "-genkeypair", "-alias", "agent", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=ast-1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", p12.toString(), "-storepass", "changeit", "-keypass", "changeit");
        run("keytool", "-exportcert", "-rfc", "-alias", "agent", "-keystore", p12.toString(), "-storepass",
                "changeit", "-file", dir.resolve("agent.pem").toString());
        // The key as PKCS#8 PEM, the form operators' tools (openssl, cert-manager) hand out.
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(p12)) {
            ks.load(in, "changeit".toCharArray());
        }
        byte[] key = ks.getKey("agent", "changeit".toCharArray()).getEncoded();
        java.nio.file.Files.writeString(dir.resolve("agent.key"), "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key) + "\n-----END PRIVATE KEY-----\n");

        try (TelemetryTestServer mtls = new TelemetryTestServer(vertx, null)
                .withTls(new PfxOptions().setPath(dir.resolve("node.p12").toString()).setPassword("changeit"))
                .requireClientCertificate(new io.vertx.core.net.PemTrustOptions()
                        .addCertPath(dir.resolve("agent.pem").toString()))
                .listen()) {
            AgentConfig.TlsFiles withCert = new AgentConfig.TlsFiles(dir.resolve("node.pem"), dir.resolve("agent.pem"),
                    dir.resolve("agent.key"));
            try (TelemetryClient c = client(mtls, withCert)) {
                c.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> mtls.last() != null && !mtls.last().received.isEmpty());
                assertThat(mtls.last().socket.isSsl()).isTrue();
                assertThat(mtls.last().socket.sslSession().getPeerPrincipal().getName()).isEqualTo("CN=ast-1");
            }
            try (TelemetryClient c = client(mtls, new AgentConfig.TlsFiles(dir.resolve("node.pem"), null, null))) {
                c.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> c.status().get(0).failures() >= 2);
                assertThat(c.status().get(0).connects()).as("no certificate, no connection").isZero();
            }
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
