package net.voicegslb.gslb.dns.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The agents' telemetry endpoint ({@code /telemetry/v1}, WebSocket, binary frames of the policy
 * wire codec).
 *
 * @param listen               null when ingest is off
 * @param plaintext            true only when {@code allow_plaintext: true} (loopback labs): ws://
 * @param certPem              server certificate chain (PEM), required unless plaintext
 * @param keyPem               its private key (PEM, PKCS#8)
 * @param clientCaPem          when set, agents may also authenticate with a client certificate
 *                             issued by this CA whose CN is the node id (mutual TLS); null = token only
 * @param credentials          per-node bearer tokens, by node id
 * @param maxFramesPerSecond   per node; excess frames are dropped and counted (heartbeats exempt up
 *                             to a small budget so that a flood of batches cannot starve liveness)
 * @param burst                token-bucket depth for the rate limit
 * @param maxClockSkew         frames whose sent-at time is further off than this are rejected
 * @param maxFrameBytes        larger WebSocket messages close the connection (1009)
 * @param probeTargetInterval  how often agents are sent the resolver prefixes this server sees
 * @param maxProbeTargets      at most this many prefixes per list, busiest first
 * @param admission            limits on connections not yet authenticated
 * @param allowCnIdentity      compatibility: a client certificate without subjectAltName may name
 *                             its node by CN ({@code tls.allow_cn_identity}); off by default
 */
public record TelemetryConfig(InetSocketAddress listen, boolean plaintext, Path certPem, Path keyPem,
                              Path clientCaPem, Map<String, NodeCredential> credentials, int maxFramesPerSecond,
                              int burst, Duration maxClockSkew, int maxFrameBytes, Duration probeTargetInterval,
                              int maxProbeTargets, TelemetryAdmission admission, boolean allowCnIdentity) {
    public TelemetryConfig {
        credentials = Map.copyOf(credentials);
    }

    /** With the default admission limits. */
    public TelemetryConfig(InetSocketAddress listen, boolean plaintext, Path certPem, Path keyPem, Path clientCaPem,
                           Map<String, NodeCredential> credentials, int maxFramesPerSecond, int burst,
                           Duration maxClockSkew, int maxFrameBytes, Duration probeTargetInterval, int maxProbeTargets) {
        this(listen, plaintext, certPem, keyPem, clientCaPem, credentials, maxFramesPerSecond, burst, maxClockSkew,
                maxFrameBytes, probeTargetInterval, maxProbeTargets, TelemetryAdmission.DEFAULTS, false);
    }

    public TelemetryConfig withAdmission(TelemetryAdmission limits) {
        return new TelemetryConfig(listen, plaintext, certPem, keyPem, clientCaPem, credentials, maxFramesPerSecond,
                burst, maxClockSkew, maxFrameBytes, probeTargetInterval, maxProbeTargets, limits, allowCnIdentity);
    }

    public TelemetryConfig withCnIdentity(boolean allow) {
        return new TelemetryConfig(listen, plaintext, certPem, keyPem, clientCaPem, credentials, maxFramesPerSecond,
                burst, maxClockSkew, maxFrameBytes, probeTargetInterval, maxProbeTargets, admission, allow);
    }

    public boolean enabled() {
        return listen != null;
    }
}
