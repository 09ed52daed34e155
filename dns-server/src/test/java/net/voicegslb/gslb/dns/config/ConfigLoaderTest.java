package net.voicegslb.gslb.dns.config;

import net.voicegslb.gslb.policy.config.ConfigProblem;
import net.voicegslb.gslb.policy.config.ConfigException;
import net.voicegslb.gslb.policy.config.Durations;
import net.voicegslb.gslb.policy.config.ListenAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @BeforeEach
    void zoneFile() throws Exception {
        Files.writeString(dir.resolve("z.zone"), "; not read by the config loader\n");
    }

    private DnsConfig load(String yaml) throws Exception {
        Path f = dir.resolve("gslb.yaml");
        Files.writeString(f, yaml);
        return new ConfigLoader().load(f);
    }

    private ConfigException problems(String yaml) {
        try {
            load(yaml);
        } catch (ConfigException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("config was accepted");
    }

    @Test
    void appliesDefaults() throws Exception {
        DnsConfig c = load("zones:\n  - origin: voip.example.test\n    file: z.zone\n");
        assertThat(c.listen()).hasSize(1);
        assertThat(ListenAddress.format(c.listen().get(0))).isEqualTo("127.0.0.1:5353");
        assertThat(c.udpMaxPayload()).isEqualTo(1232);
        assertThat(c.tcpIdleTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.zones().get(0).file()).isEqualTo(dir.resolve("z.zone"));
        assertThat(c.admin().tokenFile()).isEqualTo(dir.resolve("admin.token"));
    }

    @Test
    void readsEveryField() throws Exception {
        DnsConfig c = load("""
                dns:
                  listen: ["127.0.0.2:5300", "[::1]:5300"]
                  threads: 3
                  udp: {max_payload: 1400}
                  tcp: {idle_timeout: 1500ms, max_connections: 7}
                  answer_cache: 500
                zones:
                  - origin: voip.example.test.
                    file: z.zone
                admin:
                  listen: "off"
                """);
        assertThat(c.listen()).extracting(ListenAddress::format).containsExactly("127.0.0.2:5300", "[0:0:0:0:0:0:0:1]:5300");
        assertThat(c.threads()).isEqualTo(3);
        assertThat(c.udpMaxPayload()).isEqualTo(1400);
        assertThat(c.tcpIdleTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.tcpMaxConnections()).isEqualTo(7);
        assertThat(c.admin().listen()).isNull();
    }

    @Test
    void reportsEveryProblemWithFileLineAndField() {
        ConfigException e = problems("""
                dns:
                  listen: [127.0.0.1:99999]
                  threads: many
                  udp: {max_payload: 100}
                  tcp: {idle_timeout: soon}
                  colour: blue
                zones:
                  - origin: voip.example.test
                    file: missing.zone
                """);
        assertThat(e.problems()).extracting(ConfigProblem::field).contains("dns.listen[0]", "dns.threads",
                "dns.udp.max_payload", "dns.tcp.idle_timeout", "dns.colour", "zones[0].file");
        assertThat(e.problems()).filteredOn(p -> p.field().equals("dns.threads")).singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(3));
        assertThat(e.getMessage()).contains(dir.resolve("gslb.yaml") + ":2: dns.listen[0]: '127.0.0.1:99999': port must be 1 to 65535");
        assertThat(e.getMessage()).contains(":9: zones[0].file: zone file");
    }

    @Test
    void yamlSyntaxErrorsHaveALine() {
        ConfigException e = problems("dns:\n  listen: [127.0.0.1:53\nzones: []\n");
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isGreaterThan(1);
            assertThat(p.message()).startsWith("YAML:");
        });
    }

    @Test
    void zonesAreRequired() {
        assertThat(problems("dns: {threads: 1}\n").getMessage()).contains("zones: is required");
    }

    @Test
    void duplicateKeysAndZonesAreRejected() {
        assertThat(problems("zones: []\nzones: []\n").getMessage()).contains(":2: zones: given twice");
        assertThat(problems("""
                zones:
                  - {origin: voip.example.test, file: z.zone}
                  - {origin: VOIP.example.test., file: z.zone}
                """).getMessage()).contains("listed twice");
    }

    @Test
    void listenAddressesAreIpAndPortOnly() {
        assertThat(ListenAddress.parse("[::1]:53").getPort()).isEqualTo(53);
        assertThatThrownBy(() -> ListenAddress.parse("localhost:53")).hasMessageContaining("IP address");
        assertThatThrownBy(() -> ListenAddress.parse("::1:53")).hasMessageContaining("brackets");
        assertThatThrownBy(() -> ListenAddress.parse("127.0.0.1")).hasMessageContaining("HOST:PORT");
    }

    @Test
    void durations() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("10")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("ten seconds")).isNull();
    }

    @Test
    void dashboardUsersNeedANameARoleAndAHashNeverAPassword() throws Exception {
        String hash = "$2a$04$" + "a".repeat(53);
        DnsConfig c = load("""
                zones: [{origin: voip.example.test, file: z.zone}]
                admin:
                  users:
                    - {name: noc, role: operator, password_hash: "%s"}
                    - {name: boss, role: admin, password_hash: "%s"}
                """.formatted(hash, hash));
        assertThat(c.admin().users()).extracting(u -> u.name() + ":" + u.role().word())
                .containsExactly("noc:operator", "boss:admin");
        assertThat(c.admin().users().get(0).toString()).doesNotContain(hash);

        ConfigException e = problems("""
                zones: [{origin: voip.example.test, file: z.zone}]
                admin:
                  users:
                    - {name: noc, role: operator, password_hash: "hunter2 in clear"}
                    - {name: noc, role: boss, password_hash: "%s"}
                    - {name: "a b", role: viewer, password_hash: "%s"}
                    - {name: ann, role: viewer}
                """.formatted(hash, hash));
        assertThat(e.getMessage()).contains(":4: admin.users[0].password_hash: not a BCrypt hash (make one with: gslb passwd)",
                ":5: admin.users[1].name: user noc is listed twice", ":5: admin.users[1].role: 'boss' is not viewer,"
                        + " operator or admin", ":6: admin.users[2].name: 'a b' is not 1 to 64 letters",
                "admin.users[3].password_hash: is required").doesNotContain("hunter2");
    }
}
