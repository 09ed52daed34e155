package net.voicegslb.gslb.deploy.it.phone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.voicegslb.gslb.policy.testing.TestCertificates;

/**
 * The lab's TLS material, made at test time: a CA ({@value #CA}.pem, which the phones and the nodes
 * trust) and the nodes' certificate as {@code sip.tls} wants it, a PEM chain and a PKCS#8 key file
 * of mode 0600 (the node refuses a key others can read).
 */
final class LabTls {

    static final String CA = "lab-ca";

    private LabTls() {}

    /**
     * The nodes' certificate names {@code sip.voip.example.test} (what the phones check) and may
     * serve as client certificate too: the nodes show it to each other on their TLS connections
     * between sites, where each checks the other's against the lab CA ({@code peer_ca_pem}).
     */
    static void write(Path dir) {
        try {
            Files.createDirectories(dir);
            TestCertificates certs = new TestCertificates(dir);
            certs.ca(CA);
            certs.signed("node", "dns:sip." + PhoneLab.SERVICE_DOMAIN, CA, "serverAuth,clientAuth");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
