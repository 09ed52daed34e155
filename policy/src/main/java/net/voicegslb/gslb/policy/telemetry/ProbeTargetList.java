package net.voicegslb.gslb.policy.telemetry;

import java.util.List;

/**
 * Sent by a DNS node to agents: the full current target list (not a delta, so a lost message is
 * repaired by the next one).
 *
 * @param generation increases with every new list from the same DNS node
 */
public record ProbeTargetList(int protocolVersion, long generation, List<ProbeTarget> targets)
        implements TelemetryMessage {
    public ProbeTargetList {
        WireProtocol.check(protocolVersion, "probe target list");
        targets = List.copyOf(targets);
    }
}
