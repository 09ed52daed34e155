package net.voicegslb.gslb.policy.health;

import java.util.List;
import net.voicegslb.gslb.policy.model.Node;

/**
 * Immutable health of a site, derived from its nodes.
 *
 * @param state                UP if any node is up, DEGRADED if only degraded nodes serve, else DOWN
 * @param nodes                every node with its status
 * @param liveNodes            nodes to put in answers: up ones first, then degraded
 * @param healthyCapacityCalls site capacity scaled by the share of serving nodes (degraded count half)
 * @param activeCalls          calls on serving nodes
 * @param freeRtpPorts         free RTP port pairs on serving nodes
 * @param utilization          max(calls / healthy capacity, mean node load), 1 when nothing serves
 * @param lastUpMillis         last time the site was seen serving, for last-known-good fail-open
 * @param expiresAtMillis      earliest heartbeat timeout among serving nodes, or end of a drain that
 *                             will let a node serve again: after this instant the snapshot is stale
 *                             until the next tick and must be recomputed
 */
public record SiteHealth(String siteId, HealthState state, List<NodeStatus> nodes, List<Node> liveNodes,
                         double healthyCapacityCalls, int activeCalls, int freeRtpPorts, double utilization,
                         long lastUpMillis, long expiresAtMillis) {
    public SiteHealth {
        nodes = List.copyOf(nodes);
        liveNodes = List.copyOf(liveNodes);
    }

    public boolean serving() {
        return state != HealthState.DOWN;
    }
}
