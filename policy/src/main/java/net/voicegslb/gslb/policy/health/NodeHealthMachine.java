package net.voicegslb.gslb.policy.health;

import java.util.Set;
import java.util.function.Consumer;
import net.voicegslb.gslb.policy.model.Node;
import net.voicegslb.gslb.policy.telemetry.HealthFlag;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;

/**
 * Up/degraded/down state of one node from three inputs: heartbeats (liveness and self-reported
 * flags), the DNS node's own SIP OPTIONS checks, and the passage of time (heartbeat timeout).
 *
 * <ul>
 *   <li>A new or timed-out node needs {@code rise} consecutive good heartbeats to come up, so a
 *       node that is restarting in a loop does not flap into answers.</li>
 *   <li>A fatal self-reported flag takes the node down at once: the node knows best, and the
 *       message arrived, so there is no network noise to debounce.</li>
 *   <li>SIP checks go down after {@code fall} consecutive failures and up after {@code rise}
 *       successes; until the first check the SIP signal counts as passing, because the absence of
 *       a check is not evidence of failure.</li>
 *   <li>A heartbeat older than the timeout takes the node down.</li>
 * </ul>
 * Not thread-safe: {@link HealthRegistry} drives it under its writer lock.
 */
final class NodeHealthMachine {
    private final Node node;
    private final HealthSettings settings;
    private final SignalTracker beats;
    private final SignalTracker sip;
    private HealthState state = HealthState.DOWN;
    private String reason = "no heartbeat received yet";
    private long sinceMillis;
    private long lastHeartbeatMillis = Long.MIN_VALUE;
    private NodeHeartbeat lastBeat;
    private String sipDetail = "";

    NodeHealthMachine(Node node, HealthSettings settings, long nowMillis) {
        this.node = node;
        this.settings = settings;
        this.beats = new SignalTracker(settings.rise(), 1, false);
        this.sip = new SignalTracker(settings.rise(), settings.fall(), true);
        this.sinceMillis = nowMillis;
    }

    Node node() {
        return node;
    }

    HealthState state() {
        return state;
    }

    void onHeartbeat(NodeHeartbeat hb, long nowMillis, Consumer<HealthTransition> sink) {
        if (timedOut(nowMillis)) {
            // The gap itself is an outage even if nobody ticked during it; record it first.
            evaluate(nowMillis, sink);
        }
        lastHeartbeatMillis = nowMillis;
        lastBeat = hb;
        beats.observe(!hb.hasFatalFlag());
        evaluate(nowMillis, sink);
    }

    void onSipCheck(boolean ok, String detail, long nowMillis, Consumer<HealthTransition> sink) {
        sip.observe(ok);
        sipDetail = detail == null ? "" : detail;
        evaluate(nowMillis, sink);
    }

    void tick(long nowMillis, Consumer<HealthTransition> sink) {
        evaluate(nowMillis, sink);
    }

    private boolean timedOut(long nowMillis) {
        return lastHeartbeatMillis != Long.MIN_VALUE && nowMillis - lastHeartbeatMillis > settings.heartbeatTimeoutMillis();
    }

    private void evaluate(long nowMillis, Consumer<HealthTransition> sink) {
        HealthState target;
        String why;
        if (lastHeartbeatMillis == Long.MIN_VALUE) {
            target = HealthState.DOWN;
            why = "no heartbeat received yet";
        } else if (timedOut(nowMillis)) {
            target = HealthState.DOWN;
            why = "heartbeat timeout: last heartbeat " + (nowMillis - lastHeartbeatMillis) + " ms ago, limit "
                    + settings.heartbeatTimeoutMillis() + " ms";
            beats.reset(false);
        } else if (!beats.passing()) {
            target = HealthState.DOWN;
            why = lastBeat.hasFatalFlag() ? "self-reported unhealthy: " + lastBeat.flags()
                    : "recovering: " + beats.goodStreak() + " of " + beats.rise() + " good heartbeats";
        } else if (!sip.passing()) {
            target = HealthState.DOWN;
            why = "SIP OPTIONS check failing (" + sip.badStreak() + " consecutive): " + sipDetail;
        } else if (!lastBeat.flags().isEmpty()) {
            target = HealthState.DEGRADED;
            why = "self-reported degraded: " + lastBeat.flags();
        } else {
            target = HealthState.UP;
            why = "heartbeats and SIP checks healthy";
        }
        if (target != state) {
            sink.accept(new HealthTransition(node.id(), node.siteId(), state, target, why, nowMillis));
            state = target;
            sinceMillis = nowMillis;
        }
        reason = why;
    }

    NodeStatus status() {
        NodeHeartbeat b = lastBeat;
        Set<HealthFlag> flags = b == null ? Set.of() : b.flags();
        return new NodeStatus(node, state, reason, sinceMillis, lastHeartbeatMillis, flags,
                b == null ? 0 : b.activeCalls(), b == null ? 0 : b.freeRtpPorts(), b == null ? 0 : b.load());
    }
}
