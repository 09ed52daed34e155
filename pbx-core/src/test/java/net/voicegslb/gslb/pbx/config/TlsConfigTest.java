package net.voicegslb.gslb.pbx.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import net.voicegslb.gslb.policy.config.ConfigException;
import net.voicegslb.gslb.policy.config.ConfigProblem;
import net.voicegslb.gslb.policy.testing.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sip.tls: PEM files read and checked at load, each problem with file, line and field. */
class TlsConfigTest {

    @TempDir
    static Path certDir;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCertificates() {
        TestCertificates certs = new TestCertificates(certDir);
        certs.ca("ca");
        certs.signed("node", "ip:127.0.0.1", "ca", "serverAuth");
        certs.signed("other", "ip:127.0.0.1", "ca", "serverAuth");
    }

    private PbxConfig load(String tls) throws Exception {
        Path f = dir.resolve("pbx.yaml");
        Files.writeString(f, """
                sip:
                  listen: [127.0.0.1:5070]
                  tls:
                %s
                tenants:
                  - domain: example.test
                """.formatted(tls.indent(4).stripTrailing()));
        return new PbxConfigLoader().load(f);
    }

    private void assertProblems(String tls, String... expected) {
        assertThatThrownBy(() -> load(tls)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::toString)
                        .anySatisfy(p -> assertThat(p).contains(expected)));
    }

    @Test
    void readsChainKeyAndDefaults() throws Exception {
        PbxConfig c = load("""
                listen: [127.0.0.1:5071]
                cert_pem: %s
                key_pem: %s
                """.formatted(certDir.resolve("node-chain.pem"), certDir.resolve("node-key.pem")));
        TlsConfig tls = c.tls();
        assertThat(tls.listen()).extracting(a -> a.getPort()).containsExactly(5071);
        assertThat(tls.advertisePort()).isEqualTo(5071);
        assertThat(tls.chain()).hasSize(2);
        assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(tls.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(tls.requireClientCertificate()).isFalse();
        assertThat(tls.toString()).doesNotContain("PrivateKey").doesNotContain("private");
        assertThat(c.withListen(c.listen()).tls()).isSameAs(tls);
    }

    @Test
    void noTlsSectionMeansNoTls() throws Exception {
        Path f = dir.resolve("plain.yaml");
        Files.writeString(f, "tenants:\n  - domain: example.test\n");
        assertThat(new PbxConfigLoader().load(f).tls()).isNull();
    }

    @Test
    void keyFileOthersCanReadIsRefused() throws Exception {
        Path key = dir.resolve("open-key.pem");
        Files.copy(certDir.resolve("node-key.pem"), key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertProblems("cert_pem: %s\nkey_pem: %s".formatted(certDir.resolve("node-chain.pem"), key),
                "pbx.yaml:5: sip.tls.key_pem: " + key + " is open to other users", "chmod 600");
    }

    @Test
    void brokenCertificateNamesFileLineAndField() throws Exception {
        Path cert = dir.resolve("broken.pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");
        assertProblems("cert_pem: %s\nkey_pem: %s".formatted(cert, certDir.resolve("node-key.pem")),
                "pbx.yaml:4: sip.tls.cert_pem: certificate 1 in " + cert + " cannot be read");
        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "nothing here\n");
        assertProblems("cert_pem: %s\nkey_pem: %s".formatted(empty, certDir.resolve("node-key.pem")),
                "sip.tls.cert_pem: " + empty + " holds no PEM certificate");
    }

    @Test
    void keyOfAnotherCertificateAndOldKeyFormatsAreRefused() throws Exception {
        assertProblems("cert_pem: %s\nkey_pem: %s".formatted(certDir.resolve("node-chain.pem"),
                certDir.resolve("other-key.pem")), "sip.tls.key_pem: the key does not belong to the first certificate");
        Path pkcs1 = dir.resolve("rsa-key.pem");
        Files.createFile(pkcs1, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertProblems("cert_pem: %s\nkey_pem: %s".formatted(certDir.resolve("node-chain.pem"), pkcs1),
                "sip.tls.key_pem: " + pkcs1 + " holds a PKCS#1/SEC1 key; convert it to PKCS#8");
    }

    @Test
    void oldProtocolsMissingFilesAndBadTimeoutsAreReported() {
        assertProblems("""
                cert_pem: missing.pem
                key_pem: %s
                protocols: [TLSv1.1]
                """.formatted(certDir.resolve("node-key.pem")), "sip.tls.protocols[0]: 'TLSv1.1' is not offered");
        assertProblems("""
                cert_pem: missing.pem
                key_pem: %s
                """.formatted(certDir.resolve("node-key.pem")), "sip.tls.cert_pem: file " + dir.resolve("missing.pem")
                + " is missing or not readable");
        assertProblems("key_pem: x.pem\nhandshake_timeout: 5m", "sip.tls.cert_pem: is required");
        assertProblems("cert_pem: x.pem\nkey_pem: y.pem\nhandshake_timeout: 5m",
                "sip.tls.handshake_timeout: must be between");
    }
}
