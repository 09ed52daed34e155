package net.voicegslb.gslb.dns.config;

import java.time.Duration;

/**
 * Limits on telemetry connections that have not authenticated yet, applied before any TLS work
 * ({@code gslb.telemetry.admission}). An agent opens one connection per DNS node and reconnects
 * with backoff, so the defaults leave room for a whole site behind one NAT address restarting at
 * once, and none for a flood.
 *
 * @param maxUnauthenticated          connections in TLS or upgrade at once, all sources together
 * @param maxUnauthenticatedPerSource the same, per source address
 * @param connectionsPerSecond        new connections per second per source address (token bucket)
 * @param connectionBurst             bucket depth: connections a source may open at once
 * @param handshakeTimeout            TLS handshake plus WebSocket upgrade must be done by then
 */
public record TelemetryAdmission(int maxUnauthenticated, int maxUnauthenticatedPerSource, double connectionsPerSecond,
                                 int connectionBurst, Duration handshakeTimeout) {

    public static final TelemetryAdmission DEFAULTS = new TelemetryAdmission(256, 16, 5, 20, Duration.ofSeconds(5));
}
