package net.voicegslb.gslb.policy.telemetry;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import net.voicegslb.gslb.policy.model.SipEndpoint;

/**
 * First message of an agent connection: who the node is and what it advertises. Carries its own
 * version so the receiver can refuse an incompatible agent before any other message.
 *
 * @param heartbeatIntervalMillis how often heartbeats will come; the receiver derives its timeout
 */
public record NodeHello(int protocolVersion, String nodeId, String siteId, String hostname,
                        List<InetAddress> addresses, List<SipEndpoint> sipEndpoints, int capacityCalls,
                        String softwareVersion, long heartbeatIntervalMillis) implements TelemetryMessage {
    public NodeHello {
        WireProtocol.check(protocolVersion, "hello");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(softwareVersion, "softwareVersion");
        addresses = List.copyOf(addresses);
        sipEndpoints = List.copyOf(sipEndpoints);
        if (capacityCalls < 0 || heartbeatIntervalMillis <= 0) {
            throw new IllegalArgumentException("hello " + nodeId + ": capacity >= 0 and interval > 0 required");
        }
    }
}
