package net.voicegslb.gslb.policy.health;

import java.util.Map;
import java.util.Set;
import net.voicegslb.gslb.policy.model.Node;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.telemetry.HealthFlag;

/**
 * Immutable snapshot of one node for readers.
 *
 * @param state               state when the snapshot was made
 * @param lastHeartbeatMillis receive time of the last heartbeat, {@link Long#MIN_VALUE} if none
 * @param drainUntilMillis    end of a SIP 503 Retry-After drain that holds the node down,
 *                            {@link Long#MIN_VALUE} if none
 * @param stateAfterDrain     the state the other signals give, which applies from
 *                            {@code drainUntilMillis} on; equal to {@code state} when not draining
 * @param transports          SIP check state per checked transport, in transport order; a transport
 *                            missing here was never checked
 */
public record NodeStatus(Node node, HealthState state, String reason, long sinceMillis, long lastHeartbeatMillis,
                         Set<HealthFlag> flags, int activeCalls, int registrations, int freeRtpPorts, double load,
                         long drainUntilMillis, HealthState stateAfterDrain,
                         Map<SipTransport, TransportHealth> transports) {

    public NodeStatus {
        transports = transports == null ? Map.of() : transports;
    }

    /** A node without per-transport check results. */
    public NodeStatus(Node node, HealthState state, String reason, long sinceMillis, long lastHeartbeatMillis,
                      Set<HealthFlag> flags, int activeCalls, int freeRtpPorts, double load,
                      long drainUntilMillis, HealthState stateAfterDrain) {
        this(node, state, reason, sinceMillis, lastHeartbeatMillis, flags, activeCalls, 0, freeRtpPorts, load,
                drainUntilMillis, stateAfterDrain, Map.of());
    }

    /** A node that is not draining. */
    public NodeStatus(Node node, HealthState state, String reason, long sinceMillis, long lastHeartbeatMillis,
                      Set<HealthFlag> flags, int activeCalls, int freeRtpPorts, double load) {
        this(node, state, reason, sinceMillis, lastHeartbeatMillis, flags, activeCalls, freeRtpPorts, load,
                Long.MIN_VALUE, state);
    }

    /** True while a drain holds the node down at {@code now}. */
    public boolean drainingAt(long nowMillis) {
        return drainUntilMillis != Long.MIN_VALUE && nowMillis < drainUntilMillis;
    }

    /**
     * The state at {@code now}: a drain that has ended since the snapshot no longer holds the node
     * down, so readers need not wait for the next tick.
     */
    public HealthState stateAt(long nowMillis) {
        return drainUntilMillis == Long.MIN_VALUE || drainingAt(nowMillis) ? state : stateAfterDrain;
    }

    /** Live means the state allows answering and the heartbeat has not timed out at {@code now}. */
    public boolean liveAt(long nowMillis, long timeoutMillis) {
        return stateAt(nowMillis) != HealthState.DOWN && lastHeartbeatMillis != Long.MIN_VALUE
                && nowMillis - lastHeartbeatMillis <= timeoutMillis;
    }

    /**
     * Whether the node may be offered on {@code transport}'s SRV and NAPTR choice: its SIP check on
     * that transport passes, or was never made (the absence of a check is not evidence of failure).
     * The node's own state is for the caller to check, as for every other answer.
     */
    public boolean serves(SipTransport transport) {
        TransportHealth t = transports.get(transport);
        return t == null || t.passing();
    }
}
