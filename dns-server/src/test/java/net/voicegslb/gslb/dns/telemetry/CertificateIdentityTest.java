package net.voicegslb.gslb.dns.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import net.voicegslb.gslb.policy.model.Inventory;
import org.junit.jupiter.api.Test;

/** The identity rules on the PEM fixtures; certificates with SANs are made at test time in TelemetryMtlsIT. */
class CertificateIdentityTest {

    private static final Inventory INVENTORY = TelemetryServerIT.inventory(true);

    private static List<Certificate> chain(String fixture) throws Exception {
        try (InputStream in = Files.newInputStream(TelemetryServerTlsIT.fixture(fixture))) {
            return List.of(CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
    }

    @Test
    void noCertificateNamesNoNode() {
        assertThat(CertificateIdentity.of(null, INVENTORY, true).nodeId()).isNull();
        assertThat(CertificateIdentity.of(List.of(), INVENTORY, true).refusal()).isEqualTo("no client certificate");
    }

    @Test
    void aCertificateWithoutClientAuthUsageNamesNoNode() throws Exception {
        // server.pem: CN and IP SAN 127.0.0.1, no extended key usage
        CertificateIdentity id = CertificateIdentity.of(chain("server.pem"), INVENTORY, true);
        assertThat(id.nodeId()).isNull();
        assertThat(id.refusal()).contains("clientAuth");
    }

    @Test
    void aCnIsAnIdentityOnlyWithTheCompatibilitySwitch() throws Exception {
        assertThat(CertificateIdentity.of(chain("agent-fra-1.pem"), INVENTORY, false))
                .satisfies(id -> assertThat(id.nodeId()).isNull())
                .satisfies(id -> assertThat(id.refusal()).contains("tls.allow_cn_identity"));
        assertThat(CertificateIdentity.of(chain("agent-fra-1.pem"), INVENTORY, true).nodeId()).isEqualTo("fra-1");
        assertThat(CertificateIdentity.of(chain("agent-evil-9.pem"), INVENTORY, true).nodeId())
                .as("a CN naming no configured node").isNull();
    }
}
