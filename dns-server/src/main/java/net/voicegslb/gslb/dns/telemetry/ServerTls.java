package net.voicegslb.gslb.dns.telemetry;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import net.voicegslb.gslb.dns.config.TelemetryConfig;

/** TLS of the ingest listener from the PEM files of the config, and the node id a client certificate names. */
final class ServerTls {

    private ServerTls() {
    }

    /** Plaintext only on loopback: tokens must never cross a network in the clear. */
    static void apply(HttpServerOptions options, TelemetryConfig config) {
        if (config.plaintext()) {
            if (!config.listen().getAddress().isLoopbackAddress()) {
                throw new IllegalArgumentException("telemetry: plaintext (ws://) is only allowed on a loopback "
                        + "address, not " + config.listen());
            }
            return;
        }
        if (config.certPem() == null || config.keyPem() == null) {
            throw new IllegalArgumentException("telemetry: TLS needs cert_pem and key_pem");
        }
        options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(config.certPem().toString()).setKeyPath(config.keyPem().toString()));
        if (config.clientCaPem() != null) {
            // REQUEST, not REQUIRE: agents with a token but no certificate stay welcome.
            options.setClientAuth(ClientAuth.REQUEST)
                    .setTrustOptions(new PemTrustOptions().addCertPath(config.clientCaPem().toString()));
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
