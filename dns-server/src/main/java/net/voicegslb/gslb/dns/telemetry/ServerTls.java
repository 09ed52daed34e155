package net.voicegslb.gslb.dns.telemetry;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLException;
import net.voicegslb.gslb.dns.config.TelemetryConfig;

/** TLS of the ingest listener from the PEM files of the config, and the node id a client certificate names. */
final class ServerTls {

    private ServerTls() {
    }

    /**
     * The server's TLS context, or null for plaintext, which is only allowed on loopback: tokens
     * must never cross a network in the clear.
     */
    static SslContext context(TelemetryConfig config) {
        if (config.plaintext()) {
            if (!config.listen().getAddress().isLoopbackAddress()) {
                throw new IllegalArgumentException("telemetry: plaintext (ws://) is only allowed on a loopback "
                        + "address, not " + config.listen());
            }
            return null;
        }
        if (config.certPem() == null || config.keyPem() == null) {
            throw new IllegalArgumentException("telemetry: TLS needs cert_pem and key_pem");
        }
        try {
            SslContextBuilder b = SslContextBuilder.forServer(config.certPem().toFile(), config.keyPem().toFile());
            if (config.clientCaPem() != null) {
                // OPTIONAL, not REQUIRE: agents with a token but no certificate stay welcome.
                b.clientAuth(ClientAuth.OPTIONAL).trustManager(config.clientCaPem().toFile());
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("telemetry TLS (" + config.certPem() + ", " + config.keyPem() + "): "
                    + e.getMessage(), e);
        }
    }

    /** The CN of the first (leaf) certificate, or null. */
    static String commonName(List<Certificate> chain) {
        if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf)) {
            return null;
        }
        try {
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }
}
