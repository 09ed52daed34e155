package net.voicegslb.gslb.agent.config;

import net.voicegslb.gslb.policy.config.SecretFile;
import net.voicegslb.gslb.policy.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigLoaderTest {

    @TempDir
    Path dir;

    Path write(String yaml) throws Exception {
        SecretFile.create(dir.resolve("agent.token"), "t0ken\n");
        Files.writeString(dir.resolve("ca.pem"), "not parsed by the loader\n");
        Path f = dir.resolve("agent.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void aFullConfigLoadsWithDefaultsFilledIn() throws Exception {
        AgentConfig c = new AgentConfigLoader().load(write("""
                agent:
                  node_id: ast-1
                  site: fra
                  capacity_calls: 300
                  public_address: stun:127.0.0.1:3478
                telemetry:
                  nodes:
                    - url: ws://127.0.0.1:8444/telemetry/v1
                      token_file: agent.token
                      allow_plaintext: true
                stamp:
                  reflector: 127.0.0.1:8862
                probes:
                  stamp_targets: [127.0.0.1:8863]
                pbx:
                  sip_options: 127.0.0.1:5060
                """));
        assertThat(c.nodeId()).isEqualTo("ast-1");
        assertThat(c.hostname()).isEqualTo("ast-1");
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.dnsNodes()).hasSize(1);
        assertThat(c.dnsNodes().get(0).tokenFile()).isEqualTo(dir.resolve("agent.token"));
        assertThat(c.stampReflector().getPort()).isEqualTo(8862);
        assertThat(c.maxProbeRate()).isEqualTo(200);
        assertThat(c.thirdPartyPbx().getPort()).isEqualTo(5060);
        assertThat(c.thirdPartyCheck()).isEqualTo(AgentConfig.ThirdPartyCheck.DEFAULTS);
        assertThat(c.stunServer().getPort()).isEqualTo(3478);
        assertThat(c.publicAddress()).isNull();
        assertThat(c.cpuLoad()).isTrue();
    }

    @Test
    void aTokenOrKeyThatOthersCanReadIsAProblemNamingFileLineAndField() throws Exception {
        Path f = write("""
                agent: {node_id: ast-1, site: fra}
                telemetry:
                  nodes:
                    - url: wss://127.0.0.1:8444/telemetry/v1
                      token_file: agent.token
                  tls: {cert_pem: agent.pem, key_pem: agent.key}
                """);
        Files.writeString(dir.resolve("agent.pem"), "cert\n");
        Files.writeString(dir.resolve("agent.key"), "key\n");
        Files.setPosixFilePermissions(dir.resolve("agent.key"), PosixFilePermissions.fromString("rw-r-----"));
        Files.setPosixFilePermissions(dir.resolve("agent.token"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> new AgentConfigLoader().load(f))
                .hasMessageContaining("agent.yaml:5: telemetry.nodes[0].token_file: " + dir.resolve("agent.token"))
                .hasMessageContaining("agent.yaml:6: telemetry.tls.key_pem: " + dir.resolve("agent.key"))
                .hasMessageContaining("chmod 600");
    }

    @Test
    void cpuLoadCanBeLeftOutOfTheNodesLoad() throws Exception {
        AgentConfig c = new AgentConfigLoader().load(write("""
                agent: {node_id: lab-1, site: fra, cpu_load: false}
                telemetry:
                  nodes: [{url: ws://127.0.0.1:8444/telemetry/v1, token_file: agent.token, allow_plaintext: true}]
                pbx: {sip_options: 127.0.0.1:5060}
                """));
        assertThat(c.cpuLoad()).isFalse();
    }

    @Test
    void theReflectorBindsToTheNodesAddressNotTheWildcard() throws Exception {
        AgentConfig loopback = new AgentConfigLoader().load(write("""
                agent: {node_id: lab-1, site: fra}
                telemetry:
                  nodes: [{url: ws://127.0.0.1:8444/telemetry/v1, token_file: agent.token, allow_plaintext: true}]
                pbx: {sip_options: 127.0.0.1:5060}
                """));
        assertThat(loopback.stampReflector()).isEqualTo(new java.net.InetSocketAddress("127.0.0.1", 862));
        assertThat(loopback.reflectorLimits()).isEqualTo(net.voicegslb.gslb.agent.probe.ReflectorLimits.DEFAULTS);
        AgentConfig pub = new AgentConfigLoader().load(write("""
                agent: {node_id: lab-1, site: fra, public_address: 192.0.2.10}
                telemetry:
                  nodes: [{url: ws://127.0.0.1:8444/telemetry/v1, token_file: agent.token, allow_plaintext: true}]
                stamp: {reflector_source_rate: 20, reflector_max_rate: 500, reflector_max_sources: 100}
                pbx: {sip_options: 127.0.0.1:5060}
                """));
        assertThat(pub.stampReflector()).isEqualTo(new java.net.InetSocketAddress("192.0.2.10", 862));
        assertThat(pub.reflectorLimits()).isEqualTo(new net.voicegslb.gslb.agent.probe.ReflectorLimits(20, 500, 100));
    }

    @Test
    void everyProblemIsReportedWithLineAndField() throws Exception {
        Path f = write("""
                agent:
                  site: fra
                  heartbeat_interval: soon
                telemetry:
                  nodes:
                    - url: ws://10.0.0.1:8444/telemetry/v1
                      token_file: missing.token
                stamp:
                  reflector: localhost:862
                probes:
                  max_rate: 0
                  bogus: 1
                """);
        assertThatThrownBy(() -> new AgentConfigLoader().load(f)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.problems()).extracting(p -> p.line() + " " + p.field()).contains(
                    "2 agent.node_id", "3 agent.heartbeat_interval", "6 telemetry.nodes[0].url",
                    "7 telemetry.nodes[0].token_file", "9 stamp.reflector", "11 probes.max_rate", "12 probes.bogus");
            assertThat(e.getMessage()).contains("agent.yaml:6: telemetry.nodes[0].url: ws:// sends the token in clear");
        });
    }

    @Test
    void dnsNodesCanComeFromTheZonesNsRecords() throws Exception {
        AgentConfig c = new AgentConfigLoader().load(write("""
                agent: {node_id: ast-1, site: fra}
                telemetry:
                  discover:
                    zone: voip.example.com
                    port: 8443
                    token_file: agent.token
                    resolver: 127.0.0.1:5353
                    trust_pem: ca.pem
                    name_suffix: .Voip.Example.com.
                pbx: {sip_options: 127.0.0.1:5060}
                """));
        assertThat(c.dnsNodes()).isEmpty();
        assertThat(c.discover()).isEqualTo(new AgentConfig.NsDiscoveryConfig("voip.example.com", "wss", 8443,
                "/telemetry/v1", dir.resolve("agent.token"), new java.net.InetSocketAddress("127.0.0.1", 5353),
                dir.resolve("ca.pem"), "voip.example.com"));
    }

    @Test
    void discoveryWithoutItsOwnTrustAnchorAndNameSuffixIsRefused() throws Exception {
        Path f = write("""
                agent: {node_id: ast-1, site: fra}
                telemetry:
                  discover:
                    zone: voip.example.com
                    token_file: agent.token
                    allow_plaintext: true
                pbx: {sip_options: 127.0.0.1:5060}
                """);
        assertThatThrownBy(() -> new AgentConfigLoader().load(f)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.problems()).extracting(p -> p.field()).containsExactlyInAnyOrder(
                    "telemetry.discover.allow_plaintext", "telemetry.discover.trust_pem",
                    "telemetry.discover.name_suffix");
            assertThat(e.getMessage()).contains("agent.yaml:4: telemetry.discover.trust_pem: is required");
        });
    }

    @Test
    void thePbxCanBeCheckedOverTlsWithItsOwnNameTrustAndDrainCap() throws Exception {
        AgentConfig c = new AgentConfigLoader().load(write("""
                agent: {node_id: ast-1, site: fra}
                telemetry:
                  nodes: [{url: ws://127.0.0.1:8444/telemetry/v1, token_file: agent.token, allow_plaintext: true}]
                pbx:
                  sip_options: 127.0.0.1:5061
                  transport: TLS
                  server_name: ast-1.nodes.voip.example.test
                  trust_pem: ca.pem
                  max_drain: 2m
                """));
        assertThat(c.thirdPartyCheck()).isEqualTo(new AgentConfig.ThirdPartyCheck(
                net.voicegslb.gslb.policy.model.SipTransport.TLS, "ast-1.nodes.voip.example.test",
                dir.resolve("ca.pem"), Duration.ofMinutes(2)));
    }

    @Test
    void aBadPbxTransportOrTlsKeysWithoutTlsAreProblemsWithLineAndField() throws Exception {
        Path f = write("""
                agent: {node_id: ast-1, site: fra}
                telemetry:
                  nodes: [{url: ws://127.0.0.1:8444/telemetry/v1, token_file: agent.token, allow_plaintext: true}]
                pbx:
                  sip_options: 127.0.0.1:5060
                  transport: sctp
                  server_name: ast-1.nodes.voip.example.test
                  max_drain: -1s
                """);
        assertThatThrownBy(() -> new AgentConfigLoader().load(f)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).extracting(p -> p.line() + " " + p.field()).contains(
                        "6 pbx.transport", "7 pbx.server_name", "8 pbx.max_drain"));
    }

    @Test
    void brokenYamlNamesTheLine() throws Exception {
        Path f = write("agent:\n  node_id: [unclosed\n");
        assertThatThrownBy(() -> new AgentConfigLoader().load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("YAML");
    }
}
