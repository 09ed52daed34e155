package net.voicegslb.gslb.dns.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.dns.config.TelemetryConfig;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS over a real connection with certificates made at test time by the JDK's keytool and
 * signed by a test CA: the node is the one the subjectAltName names, the certificate must carry
 * the clientAuth extended key usage, and the CN alone counts only with the compatibility switch.
 */
class TelemetryMtlsIT {

    private static final String PASS = "changeit";
    private static final String FRA_HOST = "fra-1.nodes.voip.example.test";

    @TempDir
    static Path dir;
    static Vertx vertx;

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final RecordingSink sink = new RecordingSink();
    TelemetryServer server;

    @BeforeAll
    static void certificates() throws Exception {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Test CA",
                "-ext", "bc:c", "-validity", "2", "-storetype", "PKCS12", "-keystore", store("ca"));
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store("ca"), "-file", dir.resolve("ca.pem").toString());
        agent("good", "CN=fra-1", "SAN=dns:" + FRA_HOST, "EKU=clientAuth");
        agent("uri", "CN=whatever", "SAN=uri:" + CertificateIdentity.URI_PREFIX + "fra-1", "EKU=clientAuth");
        agent("no-eku", "CN=fra-1", "SAN=dns:" + FRA_HOST, null);
        agent("server-eku", "CN=fra-1", "SAN=dns:" + FRA_HOST, "EKU=serverAuth");
        agent("wrong-san", "CN=fra-1", "SAN=dns:evil-9.nodes.voip.example.test", "EKU=clientAuth");
        agent("two-nodes", "CN=fra-1", "SAN=dns:fra-1,dns:nyc-1", "EKU=clientAuth");
        agent("cn-only", "CN=fra-1", null, "EKU=clientAuth");
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

    /** A key pair in {@code name}.p12, its certificate signed by the CA with the given extensions. */
    private static void agent(String name, String dname, String san, String eku) throws Exception {
        keytool("-genkeypair", "-alias", "agent", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store(name));
        keytool("-certreq", "-alias", "agent", "-keystore", store(name), "-file", dir.resolve(name + ".csr").toString());
        List<String> sign = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", store("ca"), "-rfc",
                "-validity", "2", "-infile", dir.resolve(name + ".csr").toString(),
                "-outfile", dir.resolve(name + ".pem").toString()));
        if (san != null) {
            sign.addAll(List.of("-ext", san));
        }
        if (eku != null) {
            sign.addAll(List.of("-ext", eku));
        }
        keytool(sign.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.pem").toString(),
                "-keystore", store(name));
        keytool("-importcert", "-noprompt", "-alias", "agent", "-file", dir.resolve(name + ".pem").toString(),
                "-keystore", store(name));
    }

    private static String store(String name) {
        return dir.resolve(name + ".p12").toString();
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("keytool"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storepass", PASS));
        if (args[0].equals("-genkeypair")) {
            cmd.addAll(List.of("-keypass", PASS));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
    }

    private void start(boolean allowCn) {
        TelemetryConfig c = TelemetryServerTlsIT.tls(dir.resolve("ca.pem")).withCnIdentity(allowCn);
        server = TelemetryServer.start(c, () -> TelemetryServerIT.inventory(true), sink, new ResolverSightings(), meters,
                System::currentTimeMillis);
    }

    /**
     * 101 when the upgrade is accepted, else its HTTP status, or 0 when the connection closed before
     * any answer: refused during the TLS handshake. One attempt: {@link TestAgent} holds its client,
     * so a close can only come from the server.
     */
    private int upgrade(String cert) throws Exception {
        WebSocketClientOptions o = new WebSocketClientOptions()
                .setTrustOptions(new PemTrustOptions().addCertPath(TelemetryServerTlsIT.fixture("server.pem").toString()))
                .setKeyCertOptions(new PfxOptions().setPath(store(cert)).setPassword(PASS));
        try {
            TestAgent a = TestAgent.connect(vertx.createWebSocketClient(o), server.port(), true,
                    TelemetryServer.PATH, null).get(10, TimeUnit.SECONDS);
            a.send("fra-1", Frames.hello("fra-1", "fra"));
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.from("fra-1", NodeHello.class) >= 1);
            a.close();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UpgradeRejectedException r) {
                return r.getStatus();
            }
            if (String.valueOf(e.getCause().getMessage()).contains("Connection closed")) {
                return 0;
            }
            throw e;
        }
    }

    @Test
    void theNodeIsTheOneTheSubjectAltNameNames() throws Exception {
        start(false);
        assertThat(upgrade("good")).as("dNSName = the node's hostname").isEqualTo(101);
        assertThat(upgrade("uri")).as("URI " + CertificateIdentity.URI_PREFIX + "fra-1").isEqualTo(101);
    }

    @Test
    void aCertificateWithoutTheClientAuthUsageIsRefused() throws Exception {
        start(false);
        assertThat(upgrade("no-eku")).isEqualTo(401);
        // the JDK's trust manager already refuses a present EKU without clientAuth, in the TLS handshake
        assertThat(upgrade("server-eku")).as("a server certificate from the same CA is no agent").isIn(0, 401);
        assertThat(sink.from("fra-1", NodeHello.class)).isZero();
    }

    @Test
    void aSubjectAltNameThatDoesNotNameTheNodeIsRefusedWhateverTheCn() throws Exception {
        start(true);
        assertThat(upgrade("wrong-san")).as("CN=fra-1 but SAN evil-9").isEqualTo(401);
        assertThat(upgrade("two-nodes")).as("a SAN naming two nodes names none").isEqualTo(401);
        assertThat(sink.from("fra-1", NodeHello.class)).isZero();
    }

    @Test
    void theCnCountsOnlyWithTheCompatibilitySwitch() throws Exception {
        start(false);
        assertThat(upgrade("cn-only")).isEqualTo(401);
        server.close();
        start(true);
        assertThat(upgrade("cn-only")).isEqualTo(101);
    }
}
