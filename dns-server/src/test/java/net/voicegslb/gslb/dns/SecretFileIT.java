package net.voicegslb.gslb.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import net.voicegslb.gslb.dns.config.AdminConfig;
import net.voicegslb.gslb.dns.config.ConfigLoader;
import net.voicegslb.gslb.dns.config.DnsConfig;
import net.voicegslb.gslb.policy.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DNS server with GSLB nodes and the admin API: token files it creates are private from the
 * start, and a token that group or others can read is refused at start and on a reload over the
 * admin API, naming the file.
 */
class SecretFileIT {

    @TempDir
    Path dir;
    private Path config;
    private DnsNode node;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void files() throws Exception {
        Files.copy(DnsFixtures.resource("gslb/voip.example.test.zone"), dir.resolve("voip.example.test.zone"));
        config = dir.resolve("gslb.yaml");
        Files.writeString(config, Files.readString(DnsFixtures.resource("gslb/gslb.yaml"))
                .replace("listen: \"off\"\ngslb:", "listen: 127.0.0.1:8053\n  token_file: admin.token\ngslb:")
                .replace("gslb-test;", "gslb-" + UUID.randomUUID() + ";"));
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private DnsNode start() throws Exception {
        InetSocketAddress anyPort = new InetSocketAddress("127.0.0.1", 0);
        DnsConfig loaded = new ConfigLoader().load(config);
        return DnsNode.start(loaded.withListen(List.of(anyPort))
                .withAdmin(new AdminConfig(anyPort, loaded.admin().tokenFile())), false);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void tokensCreatedAtStartArePrivateAndAReadableNodeTokenFailsTheReload() throws Exception {
        node = start();
        assertThat(mode(dir.resolve("admin.token"))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("fra-1.token"))).isEqualTo("rw-------");
        assertThat(reload().statusCode()).isEqualTo(200);

        Files.setPosixFilePermissions(dir.resolve("fra-1.token"), PosixFilePermissions.fromString("rw-r--r--"));
        HttpResponse<String> r = reload();

        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(r.body()).contains("gslb.yaml:").contains("gslb.nodes.fra-1.token_file")
                .contains(dir.resolve("fra-1.token").toString()).contains("chmod 600")
                .doesNotContain(Files.readString(dir.resolve("fra-1.token")).strip());
    }

    @Test
    void aReadableAdminTokenStopsTheStartNamingTheFile() throws Exception {
        Path token = Files.writeString(dir.resolve("admin.token"), "an-admin-token-0123456789\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(this::start).hasMessageContaining(token.toString()).hasMessageContaining("rw-r--r--")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("an-admin-token"));
    }

    @Test
    void aReadableNodeTokenIsAConfigErrorWithFileLineAndField() throws Exception {
        Path token = Files.writeString(dir.resolve("nyc-1.token"), "a-node-token-0123456789\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-rw-r--"));

        assertThatThrownBy(this::start).isInstanceOf(ConfigException.class)
                .hasMessageContaining("gslb.yaml:24: gslb.nodes.nyc-1.token_file: " + token)
                .hasMessageContaining("chmod 600");
    }

    private HttpResponse<String> reload() throws Exception {
        String token = Files.readString(dir.resolve("admin.token")).trim();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.adminPort() + "/admin/reload"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
