package net.voicegslb.gslb.pbx.config;

import net.voicegslb.gslb.policy.config.ConfigProblem;
import net.voicegslb.gslb.policy.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PbxConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path f = dir.resolve("pbx.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void readsEveryFieldWithDefaultsAndRelativePaths() throws Exception {
        PbxConfig c = new PbxConfigLoader().load(write("""
                sip:
                  listen: [127.0.0.1:5070]
                store:
                  path: data/pbx
                tenants:
                  - domain: Example.TEST
                    aliases: [127.0.0.1]
                    users:
                      - {user: "1001", password: "one-secret"}
                """));
        assertThat(c.listen()).hasSize(1);
        assertThat(c.advertise()).isEqualTo("127.0.0.1:5070");
        assertThat(c.storePath()).isEqualTo(dir.resolve("data/pbx"));
        assertThat(c.tenants()).singleElement().satisfies(t -> {
            assertThat(t.domain()).isEqualTo("example.test");
            assertThat(t.authRequired()).isTrue();
            assertThat(t.users()).extracting(UserConfig::user).containsExactly("1001");
        });
        assertThat(c.auth().algorithms()).containsExactly("MD5");
        assertThat(c.tenants().get(0).digest()).isEqualTo(DigestConfig.DEFAULT);
        assertThat(c.registrar().minExpires()).isEqualTo(60);
        assertThat(c.media().portMin()).isEqualTo(30000);
        assertThat(c.proxy()).isEqualTo(ProxyConfig.defaults());
        assertThat(c.sipAliases()).isEmpty();
    }

    @Test
    void readsTheProxyGuardsAndReportsTheirProblems() throws Exception {
        PbxConfig c = new PbxConfigLoader().load(write("""
                sip:
                  aliases: [Voip.Example.TEST, "*.voip.example.test"]
                proxy:
                  allow_unknown_callers: true
                  route_secrets:
                    - {id: k2, secret: "a-long-route-secret-2"}
                    - {id: k1, secret: "a-long-route-secret-1"}
                  max_dialogs: 500
                  max_dialog_age: 4h
                  max_calls_per_source: 7
                  max_pending_invites_per_source: 3
                tenants:
                  - domain: example.test
                """));
        assertThat(c.sipAliases()).containsExactly("voip.example.test", "*.voip.example.test");
        assertThat(c.proxy().allowUnknownCallers()).isTrue();
        assertThat(c.proxy().routeSecrets()).extracting(ProxyConfig.RouteSecret::id).containsExactly("k2", "k1");
        assertThat(c.proxy().routeSecrets().toString()).doesNotContain("a-long-route-secret");
        assertThat(c.proxy().maxDialogAge()).hasHours(4);
        assertThat(c.proxy().maxCallsPerSource()).isEqualTo(7);

        Path bad = write("""
                sip:
                  aliases: ["bad host"]
                proxy:
                  route_secrets:
                    - {id: k1, secret: short}
                    - {id: k1, secret: "a-long-route-secret-1"}
                  max_dialog_age: 1s
                  max_calls: 3
                tenants:
                  - domain: example.test
                """);
        assertThatThrownBy(() -> new PbxConfigLoader().load(bad)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::toString)
                        .anyMatch(s -> s.contains(":2: sip.aliases[0]"))
                        .anyMatch(s -> s.contains("proxy.route_secrets[0].secret: at least 16 characters"))
                        .anyMatch(s -> s.contains("proxy.route_secrets[1].id: route secret id 'k1' is listed twice"))
                        .anyMatch(s -> s.contains("proxy.max_dialog_age: must be between 1m and 7d"))
                        .anyMatch(s -> s.contains("proxy.max_calls: unknown field")));
    }

    @Test
    void reportsEveryProblemWithLineAndField() throws Exception {
        Path f = write("""
                sip:
                  listen: [nohost]
                  colour: blue
                auth:
                  algorithms: [SHA-512]
                tenants:
                  - domain: a.test
                    auth: maybe
                    users:
                      - {user: "1001", password: "x"}
                  - domain: a.test
                peers:
                  - site: b
                    address: 127.0.0.1:5072
                """);
        assertThatThrownBy(() -> new PbxConfigLoader().load(f)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::toString)
                        .anyMatch(s -> s.contains(":2: sip.listen[0]"))
                        .anyMatch(s -> s.contains(":3: sip.colour: unknown field"))
                        .anyMatch(s -> s.contains(":5: auth.algorithms[0]: unknown digest algorithm"))
                        .anyMatch(s -> s.contains("tenants[0].auth: must be digest or none"))
                        .anyMatch(s -> s.contains("tenants[0].users[0].password: at least 4 characters"))
                        .anyMatch(s -> s.contains("tenants[1].domain: domain or alias 'a.test' is served twice"))
                        .anyMatch(s -> s.contains("peer_secret: peers need a shared peer_secret")));
    }

    @Test
    void theGuardLimitsHaveDefaultsAndAreCheckedWithLineAndField() throws Exception {
        PbxConfig c = new PbxConfigLoader().load(write("""
                tenants:
                  - domain: a.test
                """));
        assertThat(c.registrar().maxContactsPerSource()).isEqualTo(1_000);
        assertThat(c.registrar().maxBindings()).isEqualTo(200_000);
        assertThat(c.auth().maxTrackedFailures()).isEqualTo(100_000);
        assertThat(c.auth().maxNonces()).isEqualTo(100_000);
        Path f = write("""
                registrar:
                  max_contacts_per_source: 0
                  max_bindings: lots
                auth:
                  max_tracked_failures: 5
                  max_nonces: -1
                tenants:
                  - domain: a.test
                """);
        assertThatThrownBy(() -> new PbxConfigLoader().load(f)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::toString)
                        .anyMatch(s -> s.contains(":2: registrar.max_contacts_per_source"))
                        .anyMatch(s -> s.contains(":3: registrar.max_bindings"))
                        .anyMatch(s -> s.contains(":5: auth.max_tracked_failures"))
                        .anyMatch(s -> s.contains(":6: auth.max_nonces")));
    }
}
