package net.voicegslb.gslb.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import net.voicegslb.gslb.dns.admin.AdminClient;
import net.voicegslb.gslb.dns.admin.AdminServer;
import net.voicegslb.gslb.dns.admin.ReloadResult;
import net.voicegslb.gslb.dns.config.AdminConfig;
import net.voicegslb.gslb.dns.config.ConfigLoader;
import net.voicegslb.gslb.dns.config.DnsConfig;
import net.voicegslb.gslb.policy.config.ConfigException;
import net.voicegslb.gslb.policy.config.SecretFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API over HTTPS with {@code admin.tls}: the bearer token works over TLS and plain HTTP
 * gets no answer from that port; plain HTTP on a non-loopback address is refused at load and at
 * start unless {@code admin.allow_plaintext: true}.
 */
class AdminTlsIT {

    private static final String ZONE = "$ORIGIN tls.test.\n$TTL 60\n"
            + "@ SOA ns1 hostmaster ( 1 3600 900 604800 60 )\n@ NS ns1\nns1 A 192.0.2.53\n";

    @TempDir
    Path dir;
    private DnsNode node;

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("tls.test.zone"), ZONE);
        Files.copy(DnsFixtures.resource("telemetry/server.pem"), dir.resolve("admin.pem"));
        SecretFile.create(dir.resolve("admin.key"), Files.readString(DnsFixtures.resource("telemetry/server.key")));
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private Path config(String admin) throws IOException {
        return Files.writeString(dir.resolve("gslb.yaml"), """
                dns:
                  listen: [127.0.0.1:5353]
                  threads: 1
                zones:
                  - origin: tls.test
                    file: tls.test.zone
                admin:
                """ + admin);
    }

    @Test
    void theAdminApiSpeaksHttpsWithTheBearerToken() throws Exception {
        DnsConfig loaded = new ConfigLoader().load(config("""
                  listen: 127.0.0.1:8053
                  token_file: admin.token
                  tls: {cert_pem: admin.pem, key_pem: admin.key}
                """));
        InetSocketAddress anyPort = new InetSocketAddress("127.0.0.1", 0);
        node = DnsNode.start(loaded.withListen(List.of(anyPort)).withAdmin(loaded.admin().withListen(anyPort)), false);
        String token = Files.readString(dir.resolve("admin.token")).strip();
        HttpClient https = HttpClient.newBuilder().sslContext(trusting(dir.resolve("admin.pem")))
                .connectTimeout(Duration.ofSeconds(5)).build();
        String base = "https://127.0.0.1:" + node.adminPort();

        HttpResponse<String> reload = https.send(post(base, token), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> noToken = https.send(post(base, null), HttpResponse.BodyHandlers.ofString());

        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        assertThat(reload.body()).contains("tls.test");
        assertThat(noToken.statusCode()).isEqualTo(401);
        // what 'gslb reload' and 'gslb explain' use: https and the configured certificate as the only anchor
        HttpResponse<String> byTool = AdminClient.http(loaded.admin()).send(post(
                AdminClient.base(loaded.admin(), new InetSocketAddress("127.0.0.1", node.adminPort())).toString(), token),
                HttpResponse.BodyHandlers.ofString());
        assertThat(byTool.statusCode()).as(byTool.body()).isEqualTo(200);
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> plain.send(post("http://127.0.0.1:" + node.adminPort(), token),
                HttpResponse.BodyHandlers.ofString()))
                .as("the token is never accepted in clear on the HTTPS port").isInstanceOf(IOException.class);
    }

    @Test
    void plainHttpOnANonLoopbackAddressIsAConfigErrorNamingFileLineAndField() throws Exception {
        Path f = config("""
                  listen: 0.0.0.0:8053
                  token_file: admin.token
                """);

        assertThatThrownBy(() -> new ConfigLoader().load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("gslb.yaml:8: admin.listen: plain HTTP on 0.0.0.0:8053 would send the admin "
                        + "bearer token in clear")
                .hasMessageContaining("admin.allow_plaintext: true");
    }

    @Test
    void allowPlaintextIsTheExplicitWayOut() throws Exception {
        DnsConfig c = new ConfigLoader().load(config("""
                  listen: 0.0.0.0:8053
                  token_file: admin.token
                  allow_plaintext: true
                """));

        assertThat(c.admin().allowPlaintext()).isTrue();
        assertThat(c.admin().plaintextProblem()).isNull();
    }

    @Test
    void aNonLoopbackPlainListenerGivenOnTheCommandLineIsRefusedAtStart() {
        // what --admin-listen 0.0.0.0:PORT does: the config was fine, the override is not
        AdminConfig open = new AdminConfig(new InetSocketAddress("0.0.0.0", 0), dir.resolve("admin.token"));

        assertThatThrownBy(() -> AdminServer.start(open, "a-token-0123456789abcdef".getBytes(StandardCharsets.UTF_8),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> new ReloadResult(true, "ok"), () -> "ok",
                net.voicegslb.gslb.dns.admin.AdminApi.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("admin listener: plain HTTP on 0.0.0.0:0")
                .hasMessageContaining("admin.tls");
    }

    private static HttpRequest post(String base, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/admin/reload")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            ks.setCertificateEntry("admin", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
