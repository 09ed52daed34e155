package net.voicegslb.gslb.pbx.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import net.voicegslb.gslb.policy.config.ConfigException;
import net.voicegslb.gslb.policy.config.ConfigProblem;
import net.voicegslb.gslb.policy.testing.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** peers[].transport / tls_server_name and sip.tls.peer_*: defaults, and errors with file, line and field. */
class PeerTlsConfigTest {

    @TempDir
    static Path certDir;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCertificates() {
        TestCertificates certs = new TestCertificates(certDir);
        certs.ca("sites");
        certs.signed("node", "ip:127.0.0.1", "sites", "serverAuth,clientAuth");
    }

    private String tls(String extra) {
        return """
                  tls:
                    cert_pem: %s
                    key_pem: %s
                %s""".formatted(certDir.resolve("node-chain.pem"), certDir.resolve("node-key.pem"),
                extra.indent(4));
    }

    private PbxConfig load(String tls, String peers) throws Exception {
        Path f = dir.resolve("pbx.yaml");
        Files.writeString(f, """
                sip:
                  listen: [127.0.0.1:5070]
                %s
                peers:
                %s
                peer_secret: a-shared-secret-0123456789
                tenants:
                  - domain: example.test
                """.formatted(tls.stripTrailing(), peers.indent(2).stripTrailing()));
        return new PbxConfigLoader().load(f);
    }

    private void assertProblem(String tls, String peers, String... expected) {
        assertThatThrownBy(() -> load(tls, peers)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::toString)
                        .anySatisfy(p -> assertThat(p).contains(expected)));
    }

    @Test
    void peersWithoutTransportStayUdpAsBefore() throws Exception {
        PbxConfig c = load("", "- {site: nyc, address: 127.0.2.1:5060}");
        assertThat(c.peers()).singleElement().satisfies(p -> {
            assertThat(p.tls()).isFalse();
            assertThat(p.serverName()).isEqualTo("127.0.2.1");
        });
    }

    @Test
    void aTlsPeerTakesItsHostAsServerNameAndTheDefaults() throws Exception {
        PbxConfig c = load(tls("peer_ca_pem: " + certDir.resolve("sites.pem")), """
                - {site: nyc, address: 127.0.2.1:5061, transport: tls}
                - {site: lon, address: 127.0.3.1:5061, transport: TLS, tls_server_name: sip.lon.example.test}
                """);
        assertThat(c.peers()).extracting(PeerConfig::tls).containsExactly(true, true);
        assertThat(c.peers()).extracting(PeerConfig::serverName).containsExactly("127.0.2.1", "sip.lon.example.test");
        assertThat(c.tls().peerCas()).hasSize(1);
        assertThat(c.tls().peerConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.tls().peerKeepalive()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aTlsPeerNeedsOurCertificateAndAPeerCa() {
        assertProblem("", "- {site: nyc, address: 127.0.2.1:5061, transport: tls}", "pbx.yaml:", "peers[0].transport",
                "needs sip.tls");
        assertProblem(tls(""), "- {site: nyc, address: 127.0.2.1:5061, transport: tls}", "peers[0].transport",
                "peer_ca_pem");
    }

    @Test
    void badValuesAreNamed() {
        assertProblem("", "- {site: nyc, address: 127.0.2.1:5061, transport: tcp}", "peers[0].transport",
                "not udp or tls");
        assertProblem("", "- {site: nyc, address: 127.0.2.1:5060, tls_server_name: x.example}",
                "peers[0].tls_server_name", "only meaningful with transport: tls");
        assertProblem(tls("peer_ca_pem: " + certDir.resolve("missing.pem")), "- {site: nyc, address: 127.0.2.1:5060}",
                "sip.tls.peer_ca_pem");
        assertProblem(tls("peer_keepalive: 0s"), "- {site: nyc, address: 127.0.2.1:5060}", "sip.tls.peer_keepalive");
        assertProblem(tls("peer_connect_timeout: 5m"), "- {site: nyc, address: 127.0.2.1:5060}",
                "sip.tls.peer_connect_timeout");
    }
}
