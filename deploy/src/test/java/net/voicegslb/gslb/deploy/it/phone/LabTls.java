package net.voicegslb.gslb.deploy.it.phone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import net.voicegslb.gslb.policy.testing.TestCertificates;

/**
 * The lab's TLS material, made at test time: a CA ({@value #CA}.pem, which the phones trust) and
 * the nodes' certificate as {@code sip.tls} wants it, a PEM chain and a PKCS#8 key file of mode
 * 0600 (the node refuses a key others can read).
 */
final class LabTls {

    static final String CA = "lab-ca";

    private LabTls() {}

    static void write(Path dir) {
        try {
            Files.createDirectories(dir);
            TestCertificates certs = new TestCertificates(dir);
            certs.ca(CA);
            Path p12 = certs.server("node", "sip." + PhoneLab.SERVICE_DOMAIN, CA);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(p12)) {
                ks.load(in, TestCertificates.PASSWORD.toCharArray());
            }
            Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
            StringBuilder chain = new StringBuilder();
            for (Certificate c : ks.getCertificateChain("node")) {
                chain.append("-----BEGIN CERTIFICATE-----\n").append(pem.encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            }
            Files.writeString(dir.resolve("node-chain.pem"), chain);
            Path key = Files.createFile(dir.resolve("node-key.pem"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                    + pem.encodeToString(ks.getKey("node", TestCertificates.PASSWORD.toCharArray()).getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
