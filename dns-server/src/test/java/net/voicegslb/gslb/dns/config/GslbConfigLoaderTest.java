package net.voicegslb.gslb.dns.config;

import net.voicegslb.gslb.policy.config.SecretFile;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import net.voicegslb.gslb.policy.config.ConfigException;
import net.voicegslb.gslb.policy.config.ConfigProblem;
import net.voicegslb.gslb.policy.model.SipTransport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GslbConfigLoaderTest {

    private static final String HEAD = """
            zones:
              - {origin: voip.example.test, file: z.zone}
            gslb:
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void zoneFile() throws Exception {
        Files.writeString(dir.resolve("z.zone"), "; not read by the config loader\n");
    }

    private DnsConfig load(String gslb) throws Exception {
        Path f = dir.resolve("gslb.yaml");
        Files.writeString(f, HEAD + gslb);
        return new ConfigLoader().load(f);
    }

    private List<String> problems(String gslb) throws Exception {
        try {
            load(gslb);
        } catch (ConfigException e) {
            return e.problems().stream().map(p -> p.line() + " " + p.field() + ": " + p.message()).toList();
        }
        throw new AssertionError("config was accepted");
    }

    private static final String GOOD = """
              telemetry: {listen: 127.0.0.1:8444, allow_plaintext: true}
              sites:
                fra: {region: eu, capacity_calls: 500}
                nyc: {region: na}
              nodes:
                fra-1: {site: fra, hostname: fra-1.nodes.voip.example.test, ipv4: [192.0.2.11], token_file: t/fra-1.token}
                nyc-1: {site: nyc, hostname: nyc-1.nodes.voip.example.test, ipv4: [192.0.2.21], ipv6: ["2001:db8::21"], sip: [udp:5070, tls:5061], check: [udp], token_file: t/nyc-1.token}
              services:
                - {domain: voip.example.test, pool: [fra, nyc]}
              tenants:
                acme: {home: [nyc]}
            """;

    @Test
    void readsTheWorldAndDerivesHealthTimingFromHeartbeats() throws Exception {
        GslbConfig g = load("  health: {heartbeat_interval: 2s, missed_heartbeats: 4}\n" + GOOD).gslb();
        assertThat(g.inventory().sites()).extracting(s -> s.id()).containsExactly("fra", "nyc");
        assertThat(g.inventory().nodesOf("nyc")).singleElement()
                .satisfies(n -> assertThat(n.sip()).hasSize(2));
        assertThat(g.inventory().service("voip.example.test")).isPresent();
        assertThat(g.hosts()).containsEntry("voip.example.test", "sip.voip.example.test");
        assertThat(g.policy().health().heartbeatTimeoutMillis()).isEqualTo(8_000);
        assertThat(g.answers().ttl().toSeconds()).isEqualTo(20);
        // default check targets: every listener the node advertises; nyc-1 asked for udp only
        assertThat(g.checkTargets()).extracting(t -> t.nodeId() + " " + t.transport() + " " + t.address().getPort())
                .containsExactly("fra-1 UDP 5060", "fra-1 TCP 5060", "nyc-1 UDP 5070");
        assertThat(g.checkTargets().get(2).transport()).isEqualTo(SipTransport.UDP);
        assertThat(g.credentials()).containsOnlyKeys("fra-1", "nyc-1");
    }

    @Test
    void byDefaultEveryAdvertisedTransportIsCheckedTlsAgainstTheHostName() throws Exception {
        GslbConfig g = load(GOOD.replace(", check: [udp]", "")).gslb();
        assertThat(g.checkTargets()).extracting(t -> t.nodeId() + " " + t.transport() + " " + t.address().getPort())
                .containsExactly("fra-1 UDP 5060", "fra-1 TCP 5060", "nyc-1 UDP 5070", "nyc-1 TLS 5061");
        assertThat(g.checkTargets().get(3).hostname()).isEqualTo("nyc-1.nodes.voip.example.test");
        assertThat(g.sipChecks().tlsTrustPem()).isNull();
        assertThat(g.sipChecks().tlsExpiryWarning()).hasDays(14);
    }

    @Test
    void sipCheckTlsSettingsAreReadAndCheckedWithTheirField() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), "not read by the loader\n");
        GslbConfig g = load("  sip_check: {tls: {trust_pem: ca.pem, expiry_warning: 30d}}\n" + GOOD).gslb();
        assertThat(g.sipChecks().tlsTrustPem()).isEqualTo(dir.resolve("ca.pem"));
        assertThat(g.sipChecks().tlsExpiryWarning()).hasDays(30);
        List<String> p = problems("  sip_check: {tls: {trust_pem: missing-ca.pem, expiry_warning: 400d, x: 1}}\n"
                + GOOD.replace("check: [udp]", "check: [udp, ws]"));
        assertThat(p).anyMatch(s -> s.contains("gslb.sip_check.tls.trust_pem: ") && s.contains("missing-ca.pem is missing"));
        assertThat(p).anyMatch(s -> s.contains("gslb.sip_check.tls.expiry_warning: must be between 0 and 365d"));
        assertThat(p).anyMatch(s -> s.contains("gslb.sip_check.tls.x"));
        assertThat(p).anyMatch(s -> s.contains("check: SIP checks run over udp, tcp or tls, not ws"));
    }

    @Test
    void missingTokenFilesAreCreatedRandomAndPrivate() throws Exception {
        GslbConfig g = load(GOOD).gslb();
        Path token = dir.resolve("t/fra-1.token");
        String value = Files.readString(token).strip();
        assertThat(value).hasSizeGreaterThanOrEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
        assertThat(g.credentials().get("fra-1").matches(value)).isTrue();
        assertThat(g.credentials().get("fra-1").matches(Files.readString(dir.resolve("t/nyc-1.token")))).isFalse();
        assertThat(g.credentials().get("fra-1").toString()).doesNotContain(value);
    }

    @Test
    void everyProblemIsReportedWithItsLineAndField() throws Exception {
        Files.createDirectories(dir.resolve("t"));
        SecretFile.create(dir.resolve("t/same.token"), "0123456789abcdef0123\n");
        List<String> p = problems("""
                  telemetry: {listen: 192.0.2.53:8444, allow_plaintext: true}
                  sites:
                    fra: {region: eu, colour: blue}
                  nodes:
                    fra-1: {site: fra, hostname: a.voip.example.test, ipv4: [192.0.2.11], token_file: t/same.token}
                    fra-2: {site: fra, hostname: b.voip.example.test, ipv4: [192.0.2.12], token_file: t/same.token}
                    nyc-1: {site: nyc, hostname: c.voip.example.test, ipv4: ["2001:db8::1"], sip: [udp5060], token_file: t/n.token}
                  services:
                    - {domain: voip.other.test, pool: [fra, lon]}
                """);
        assertThat(p).anyMatch(s -> s.startsWith("4 gslb.telemetry.allow_plaintext: plaintext telemetry"));
        assertThat(p).anyMatch(s -> s.startsWith("6 gslb.sites.fra.colour: unknown field"));
        assertThat(p).anyMatch(s -> s.contains("gslb.nodes.fra-2: token_file holds the same token as node fra-1"));
        assertThat(p).anyMatch(s -> s.startsWith("10 gslb.nodes.nyc-1.site: unknown site 'nyc'"));
        assertThat(p).anyMatch(s -> s.startsWith("10 gslb.nodes.nyc-1.ipv4[0]: not an IPv4 address"));
        assertThat(p).anyMatch(s -> s.startsWith("10 gslb.nodes.nyc-1.sip[0]: expected TRANSPORT:PORT"));
        assertThat(p).anyMatch(s -> s.startsWith("12 gslb.services[0].pool: unknown site 'lon'"));
        assertThat(p).anyMatch(s -> s.startsWith("12 gslb.services[0].domain: voip.other.test is not inside any served zone"));
    }

    @Test
    void telemetryOutsideLoopbackNeedsTls() throws Exception {
        List<String> p = problems(GOOD.replace("{listen: 127.0.0.1:8444, allow_plaintext: true}",
                "{listen: 192.0.2.53:8444}"));
        assertThat(p).anyMatch(s -> s.contains("gslb.telemetry.tls: telemetry needs tls.cert_pem and tls.key_pem"));
    }

    @Test
    void telemetryAdmissionHasDefaultsAndReadsItsKeys() throws Exception {
        assertThat(load(GOOD).gslb().telemetry().admission()).isEqualTo(TelemetryAdmission.DEFAULTS);
        TelemetryAdmission a = load(GOOD.replace("allow_plaintext: true}", "allow_plaintext: true, admission: "
                + "{max_unauthenticated: 64, max_unauthenticated_per_source: 4, connections_per_second: 2, "
                + "connection_burst: 8, handshake_timeout: 3s}}")).gslb().telemetry().admission();
        assertThat(a).isEqualTo(new TelemetryAdmission(64, 4, 2, 8, java.time.Duration.ofSeconds(3)));
        List<String> p = problems(GOOD.replace("allow_plaintext: true}",
                "allow_plaintext: true, admission: {max_unauthenticated: 0, handshake_timeout: 1h, bogus: 1}}"));
        assertThat(p).anyMatch(s -> s.contains("gslb.telemetry.admission.max_unauthenticated"));
        assertThat(p).anyMatch(s -> s.contains("gslb.telemetry.admission.handshake_timeout: must be at most 5m"));
        assertThat(p).anyMatch(s -> s.contains("gslb.telemetry.admission.bogus"));
    }

    @Test
    void unreadableCertificateIsNamed() throws Exception {
        List<String> p = problems(GOOD.replace("{listen: 127.0.0.1:8444, allow_plaintext: true}",
                "{listen: 127.0.0.1:8444, tls: {cert_pem: missing.pem, key_pem: missing.key}}"));
        assertThat(p).anyMatch(s -> s.contains("gslb.telemetry.tls.cert_pem: ") && s.contains("missing.pem is missing"));
    }

    @Test
    void shortTokensAndTransitionTtlAboveTtlAreRefused() throws Exception {
        Files.createDirectories(dir.resolve("t"));
        SecretFile.create(dir.resolve("t/fra-1.token"), "short\n");
        List<String> p = problems("  answers: {ttl: 10s, transition_ttl: 30s}\n" + GOOD);
        assertThat(p).anyMatch(s -> s.contains("gslb.answers.transition_ttl: must not exceed ttl"));
        assertThat(p).anyMatch(s -> s.contains("gslb.nodes.fra-1.token_file: ") && s.contains("shorter than 16"));
    }

    @Test
    void theLoopRankingBudgetDefaultsTo100AndIsChecked() throws Exception {
        assertThat(load(GOOD).gslb().answers().loopRankingsPerSecond()).isEqualTo(100);
        assertThat(load("  answers: {loop_rankings_per_second: 0}\n" + GOOD).gslb().answers().loopRankingsPerSecond())
                .isZero();
        assertThat(problems("  answers: {loop_rankings_per_second: -5}\n" + GOOD))
                .anyMatch(s -> s.matches("[1-9][0-9]* gslb.answers.loop_rankings_per_second: .*"));
    }

    @SuppressWarnings("unused")
    private static ConfigProblem unused;
}
