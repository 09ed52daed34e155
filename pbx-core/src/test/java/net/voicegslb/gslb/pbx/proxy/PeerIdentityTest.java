package net.voicegslb.gslb.pbx.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.voicegslb.gslb.policy.testing.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which peer a verified chain belongs to: a peer CA's, naming a peer's tls_server_name exactly. */
class PeerIdentityTest {

    @TempDir
    static Path dir;

    static X509Certificate sitesCa;
    static X509Certificate trunksCa;

    @BeforeAll
    static void makeCertificates() throws Exception {
        TestCertificates certs = new TestCertificates(dir);
        certs.ca("sites");
        certs.ca("trunks");
        certs.signed("fra", "ip:127.0.1.1", "sites", "serverAuth,clientAuth");
        certs.signed("lon", "dns:sip.lon.example.test", "sites", "serverAuth,clientAuth");
        certs.signed("trunk", "ip:127.0.1.1", "trunks", "clientAuth");
        sitesCa = pem("sites.pem");
        trunksCa = pem("trunks.pem");
    }

    private static X509Certificate pem(String name) throws Exception {
        try (var in = java.nio.file.Files.newInputStream(dir.resolve(name))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** The chain as a TLS handshake delivers it: leaf first, then the CA. */
    private static List<X509Certificate> chain(String name) {
        KeyStore ks = TestCertificates.load(dir.resolve(name + ".p12"));
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : ks.getCertificateChain(name)) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (java.security.KeyStoreException e) {
            throw new IllegalStateException(e);
        }
    }

    private final PeerIdentity identity = new PeerIdentity(List.of(sitesCa),
            Map.of("127.0.1.1", "fra", "SIP.lon.example.test", "lon"));

    @Test
    void aPeerCaCertificateNamingAPeerIsThatPeer() {
        assertThat(identity.site(chain("fra"))).isEqualTo("fra");
        assertThat(identity.site(chain("lon"))).as("DNS names compare without case").isEqualTo("lon");
        assertThat(identity.site(chain("fra").subList(0, 1))).as("the leaf alone chains too").isEqualTo("fra");
    }

    @Test
    void anotherCaIsNoPeerEvenForThePeersName() {
        assertThat(identity.site(chain("trunk"))).isNull();
    }

    @Test
    void nothingShownOrNoPeerCaIsNoPeer() {
        assertThat(identity.site(List.of())).isNull();
        assertThat(new PeerIdentity(List.of(), Map.of("127.0.1.1", "fra")).site(chain("fra"))).isNull();
        assertThat(new PeerIdentity(List.of(sitesCa), Map.of("127.0.2.1", "nyc")).site(chain("fra"))).isNull();
        assertThat(identity.site(List.of(sitesCa))).as("the CA itself is no peer").isNull();
    }

    @Test
    void ipLiteralsCompareCanonically() {
        assertThat(PeerIdentity.normal("0:0:0:0:0:0:0:1")).isEqualTo(PeerIdentity.normal("::1"));
        assertThat(PeerIdentity.normal("Sip.Example.Test")).isEqualTo("sip.example.test");
    }
}
