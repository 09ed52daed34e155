package net.voicegslb.gslb.dns.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import net.voicegslb.gslb.dns.dashboard.DashboardUser;

/**
 * The admin HTTP listener ({@code /metrics}, {@code /healthz}, {@code POST /admin/reload}, the
 * {@code /api/v1} routes). {@code listen} null means disabled. The reload and API routes need the
 * bearer token stored in {@code tokenFile}, which is created with a random token on first start
 * when it is missing. With {@code certPem} and {@code keyPem} the listener speaks HTTPS; plain HTTP
 * is only allowed on a loopback address unless {@code allowPlaintext} says otherwise, because the
 * bearer token would cross the network in clear.
 *
 * @param certPem        server certificate chain (PEM), or null for plain HTTP
 * @param keyPem         its private key (PEM, PKCS#8), or null
 * @param allowPlaintext {@code admin.allow_plaintext}: plain HTTP on a non-loopback address, with a warning
 * @param users          {@code admin.users}: who may log in to the dashboard, with which role; a reload
 *                       applies changes here without a restart
 */
public record AdminConfig(InetSocketAddress listen, Path tokenFile, Path certPem, Path keyPem, boolean allowPlaintext,
                          List<DashboardUser> users) {

    public AdminConfig {
        users = List.copyOf(users);
    }

    /** Plain HTTP, which only a loopback address allows; no dashboard users. */
    public AdminConfig(InetSocketAddress listen, Path tokenFile) {
        this(listen, tokenFile, null, null, false, List.of());
    }

    public AdminConfig withListen(InetSocketAddress address) {
        return new AdminConfig(address, tokenFile, certPem, keyPem, allowPlaintext, users);
    }

    /** The settings a reload cannot change (the users it can). */
    public AdminConfig withoutUsers() {
        return new AdminConfig(listen, tokenFile, certPem, keyPem, allowPlaintext, List.of());
    }

    public boolean tls() {
        return certPem != null && keyPem != null;
    }

    /** Why this listener must not start as configured, or null. */
    public String plaintextProblem() {
        if (listen == null || tls() || allowPlaintext || listen.getAddress().isLoopbackAddress()) {
            return null;
        }
        return "plain HTTP on " + listen.getAddress().getHostAddress() + ":" + listen.getPort()
                + " would send the admin bearer token in clear; configure admin.tls (cert_pem, key_pem), "
                + "listen on a loopback address, or set admin.allow_plaintext: true";
    }
}
