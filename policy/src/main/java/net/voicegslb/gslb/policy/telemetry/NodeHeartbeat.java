package net.voicegslb.gslb.policy.telemetry;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Periodic liveness and load of a node. Small and sent with priority over measurement batches.
 *
 * @param flags         self-reported problems, empty when healthy
 * @param activeCalls   calls in progress
 * @param registrations current SIP registrations
 * @param freeRtpPorts  RTP port pairs still free
 * @param load          node's own load estimate in [0, 1] (CPU or media-engine saturation)
 */
public record NodeHeartbeat(int protocolVersion, String nodeId, long sequence, Set<HealthFlag> flags,
                            int activeCalls, int registrations, int freeRtpPorts, double load)
        implements TelemetryMessage {
    public NodeHeartbeat {
        WireProtocol.check(protocolVersion, "heartbeat");
        Objects.requireNonNull(nodeId, "nodeId");
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        if (activeCalls < 0 || registrations < 0 || freeRtpPorts < 0) {
            throw new IllegalArgumentException("heartbeat " + nodeId + ": counters must be >= 0");
        }
        if (!(load >= 0 && load <= 1)) {
            throw new IllegalArgumentException("heartbeat " + nodeId + ": load must be in [0, 1], was " + load);
        }
    }

    public static NodeHeartbeat healthy(String nodeId, long sequence, int activeCalls, int freeRtpPorts, double load) {
        return new NodeHeartbeat(WireProtocol.VERSION, nodeId, sequence, Set.of(), activeCalls, 0, freeRtpPorts, load);
    }

    public boolean hasFatalFlag() {
        for (HealthFlag f : flags) {
            if (f.fatal()) {
                return true;
            }
        }
        return false;
    }
}
