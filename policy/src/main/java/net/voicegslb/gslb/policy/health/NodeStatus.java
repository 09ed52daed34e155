package net.voicegslb.gslb.policy.health;

import java.util.Set;
import net.voicegslb.gslb.policy.model.Node;
import net.voicegslb.gslb.policy.telemetry.HealthFlag;

/**
 * Immutable snapshot of one node for readers.
 *
 * @param lastHeartbeatMillis receive time of the last heartbeat, {@link Long#MIN_VALUE} if none
 */
public record NodeStatus(Node node, HealthState state, String reason, long sinceMillis, long lastHeartbeatMillis,
                         Set<HealthFlag> flags, int activeCalls, int freeRtpPorts, double load) {

    /** Live means the state allows answering and the heartbeat has not timed out at {@code now}. */
    public boolean liveAt(long nowMillis, long timeoutMillis) {
        return state != HealthState.DOWN && lastHeartbeatMillis != Long.MIN_VALUE
                && nowMillis - lastHeartbeatMillis <= timeoutMillis;
    }
}
