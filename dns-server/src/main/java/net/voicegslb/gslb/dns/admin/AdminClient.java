package net.voicegslb.gslb.dns.admin;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import net.voicegslb.gslb.dns.config.AdminConfig;
import net.voicegslb.gslb.policy.config.ListenAddress;

/**
 * How the command-line tools reach the admin API a config describes: {@code https://} when the
 * config gives the listener a certificate, trusting exactly the certificates in that PEM file (the
 * tools run beside the server and read the same config), else {@code http://}.
 */
public final class AdminClient {

    private AdminClient() {
    }

    public static URI base(AdminConfig config, InetSocketAddress address) {
        return URI.create((config.tls() ? "https://" : "http://") + ListenAddress.format(address));
    }

    public static HttpClient http(AdminConfig config) throws IOException {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (config.tls()) {
            b.sslContext(trusting(config));
        }
        return b.build();
    }

    private static SSLContext trusting(AdminConfig config) throws IOException {
        try (InputStream in = Files.newInputStream(config.certPem())) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("admin-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("admin.tls.cert_pem " + config.certPem() + ": " + e.getMessage(), e);
        }
    }
}
