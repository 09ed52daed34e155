package net.voicegslb.gslb.policy.explain;

import java.util.List;
import net.voicegslb.gslb.policy.health.HealthState;
import net.voicegslb.gslb.policy.health.TransportHealth;

/**
 * One node's health in an explanation.
 *
 * @param transports the SIP check state per checked transport (empty when the node is not checked)
 */
public record NodeLine(String nodeId, HealthState state, String reason, long sinceMillis,
                       List<TransportHealth> transports) {

    public NodeLine {
        transports = transports == null ? List.of() : List.copyOf(transports);
    }

    public NodeLine(String nodeId, HealthState state, String reason, long sinceMillis) {
        this(nodeId, state, reason, sinceMillis, List.of());
    }
}
