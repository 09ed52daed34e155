package net.voicegslb.gslb.agent.telemetry;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One DNS node to stream to. TLS follows the scheme ({@code wss} by default; {@code ws} only when
 * the configuration says so explicitly, for loopback examples and tests).
 *
 * @param uri   e.g. {@code wss://dns-a.example:8443/telemetry/v1}
 * @param token    bearer token, read at every connect so a rotated token file takes effect; null when
 *                 the node authenticates us by client certificate (mutual TLS) instead
 * @param trustPem when set, the only CA this node's certificate may chain to (discovered nodes:
 *                 the JDK's CAs and {@code telemetry.tls.trust_pem} do not count); null = the
 *                 client-wide trust
 */
public record TelemetryEndpoint(URI uri, Supplier<String> token, Path trustPem) {

    /** A node trusted through the client-wide TLS settings ({@code telemetry.tls}). */
    public TelemetryEndpoint(URI uri, Supplier<String> token) {
        this(uri, token, null);
    }

    public TelemetryEndpoint {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException("telemetry URL must be ws:// or wss://, not " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("telemetry URL without a host: " + uri);
        }
    }

    public boolean tls() {
        return "wss".equals(uri.getScheme());
    }

    public int port() {
        return uri.getPort() > 0 ? uri.getPort() : tls() ? 443 : 80;
    }

    public String path() {
        String p = uri.getRawPath();
        return p == null || p.isEmpty() ? "/telemetry/v1" : p;
    }
}
