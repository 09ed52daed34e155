package net.voicegslb.gslb.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.net.PfxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.agent.ProbeAgent;
import net.voicegslb.gslb.agent.config.AgentConfig;
import net.voicegslb.gslb.agent.config.AgentConfigLoader;
import net.voicegslb.gslb.agent.lab.KnotDns;
import net.voicegslb.gslb.agent.lab.SippUas;
import net.voicegslb.gslb.agent.lab.TelemetryTestServer;
import net.voicegslb.gslb.policy.testing.TestCertificates;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS nodes found through NS records (unauthenticated DNS, from a real name server, Knot DNS, on
 * 127.0.0.1) get the bearer token only over TLS with a certificate from the discovery's own CA
 * ({@code telemetry.discover.trust_pem}) for the discovered name. The zone names "localhost", where a real TLS node listens, and
 * "node.elsewhere.test", outside {@code name_suffix}. The agent's client-wide trust
 * ({@code telemetry.tls.trust_pem}) holds the other CA, so only the discovery's own anchor can stop
 * a node with that CA's certificate from getting the token.
 */
class DiscoveredNodeTrustIT {

    @TempDir
    static Path dir;
    static Vertx vertx;
    static Path ours;
    static Path other;

    @BeforeAll
    static void certificates() {
        TestCertificates certs = new TestCertificates(dir);
        ours = certs.ca("gslb-ca");
        other = certs.ca("other-ca");
        certs.server("node-ours", "localhost", "gslb-ca");
        certs.server("node-other", "localhost", "other-ca");
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static TelemetryTestServer node(String p12) {
        return new TelemetryTestServer(vertx, "lab-token")
                .withTls(new PfxOptions().setPath(dir.resolve(p12).toString()).setPassword(TestCertificates.PASSWORD))
                .listen();
    }

    /** The zone, served by a real name server: its NS records name the two nodes. */
    static KnotDns zone() {
        return KnotDns.serve(dir, "voip.test", "@ NS localhost.\n@ NS node.elsewhere.test.\n");
    }

    AgentConfig config(int nodePort, int zonePort, int pbxPort) throws Exception {
        net.voicegslb.gslb.policy.config.SecretFile.create(dir.resolve("token"), "lab-token\n");
        Files.writeString(dir.resolve("agent.yaml"), """
                agent: {node_id: ast-2, site: fra, heartbeat_interval: 200ms, cpu_load: false}
                telemetry:
                  discover:
                    zone: voip.test
                    port: %d
                    token_file: token
                    resolver: 127.0.0.1:%d
                    trust_pem: gslb-ca.pem
                    name_suffix: localhost
                  tls:
                    trust_pem: other-ca.pem
                  backoff_base: 50ms
                  backoff_cap: 200ms
                stamp: {reflector: off}
                pbx: {sip_options: 127.0.0.1:%d}
                """.formatted(nodePort, zonePort, pbxPort));
        return new AgentConfigLoader().load(dir.resolve("agent.yaml"));
    }

    @Test
    void aDiscoveredNodeWithAnotherCasCertificateIsNeverSentTheToken() throws Exception {
        try (TelemetryTestServer impostor = node("node-other.p12");
             SippUas pbx = SippUas.answering(dir, 200);
             KnotDns zoneServer = zone()) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (ProbeAgent agent = new ProbeAgent(config(impostor.port(), zoneServer.address().getPort(),
                    pbx.address().getPort()), null, AgentClock.system(), meters).start()) {
                assertThat(agent.telemetry().status()).extracting(LinkStatus::url)
                        .as("the name outside name_suffix is not used")
                        .containsExactly("wss://localhost:" + impostor.port() + "/telemetry/v1");
                assertThat(meters.get("gslb.agent.telemetry.discover.refused").counter().count()).isEqualTo(1);
                await().atMost(Duration.ofSeconds(20)).until(() -> agent.telemetry().status().get(0).failures() >= 3);
                assertThat(agent.telemetry().status().get(0).connects()).isZero();
                assertThat(agent.telemetry().status().get(0).lastError()).isNotNull();
            }
            // The token travels in the upgrade request, after the handshake: none arrived, right or wrong.
            assertThat(impostor.connections()).isEmpty();
            assertThat(impostor.rejected()).isZero();
        }
    }

    @Test
    void aDiscoveredNodeWithACertificateFromTheDiscoveryCaGetsTheStream() throws Exception {
        try (TelemetryTestServer node = node("node-ours.p12");
             SippUas pbx = SippUas.answering(dir, 200);
             KnotDns zoneServer = zone()) {
            try (ProbeAgent agent = new ProbeAgent(config(node.port(), zoneServer.address().getPort(),
                    pbx.address().getPort()), null, AgentClock.system(), new SimpleMeterRegistry()).start()) {
                await().atMost(Duration.ofSeconds(20)).until(() -> node.last() != null && !node.last().received.isEmpty());
                assertThat(node.last().received.get(0).payload()).isInstanceOf(NodeHello.class);
                assertThat(node.last().socket.isSsl()).isTrue();
            }
        }
    }
}
