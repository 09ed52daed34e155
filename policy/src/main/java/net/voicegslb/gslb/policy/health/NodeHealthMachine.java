package net.voicegslb.gslb.policy.health;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Consumer;
import net.voicegslb.gslb.policy.model.Node;
import net.voicegslb.gslb.policy.model.SipTransport;
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
 *   <li>SIP checks are kept per transport: each goes down after {@code fall} consecutive failures
 *       and up after {@code rise} successes; until its first check a transport counts as passing,
 *       because the absence of a check is not evidence of failure. A failing transport only takes
 *       the node out of that transport's SRV and NAPTR choice ({@link NodeStatus#serves}); the
 *       node itself (and so its A/AAAA answers) goes down only when every checked transport fails,
 *       because a phone that resolves the host name can still reach it on the transports that
 *       work.</li>
 *   <li>A heartbeat older than the timeout takes the node down.</li>
 *   <li>A SIP 503 with Retry-After drains the node: down until the time the node asked for, then
 *       back to what the other signals say. A 200 during the drain does not end it early (a node
 *       may answer OPTIONS statelessly while it refuses calls); a later 503 can only extend it.</li>
 * </ul>
 * Not thread-safe: {@link HealthRegistry} drives it under its writer lock.
 */
final class NodeHealthMachine {
    private final Node node;
    private final HealthSettings settings;
    private final SignalTracker beats;
    private final Map<SipTransport, TransportSignal> sip = new EnumMap<>(SipTransport.class);
    private HealthState state = HealthState.DOWN;
    private String reason = "no heartbeat received yet";
    private long sinceMillis;
    private long lastHeartbeatMillis = Long.MIN_VALUE;
    private NodeHeartbeat lastBeat;
    private long drainUntilMillis = Long.MIN_VALUE;
    private String drainDetail = "";
    private HealthState stateAfterDrain = HealthState.DOWN;

    NodeHealthMachine(Node node, HealthSettings settings, long nowMillis) {
        this.node = node;
        this.settings = settings;
        this.beats = new SignalTracker(settings.rise(), 1, false);
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

    /** Returns true when the transport's verdict flipped (answers change even if the node's state does not). */
    boolean onSipCheck(SipTransport transport, boolean ok, String detail, long nowMillis,
                       Consumer<HealthTransition> sink) {
        boolean flipped = sip.computeIfAbsent(transport,
                t -> new TransportSignal(t, settings.sipRise(), settings.sipFall(), nowMillis))
                .observe(ok, detail, nowMillis);
        evaluate(nowMillis, sink);
        return flipped;
    }

    /** Forgets the checks of transports no longer checked, so a stale failure cannot hold the node out. */
    boolean retainSipChecks(Set<SipTransport> checked, long nowMillis, Consumer<HealthTransition> sink) {
        boolean changed = sip.keySet().retainAll(checked);
        if (changed) {
            evaluate(nowMillis, sink);
        }
        return changed;
    }

    void onSipDrain(long untilMillis, String detail, long nowMillis, Consumer<HealthTransition> sink) {
        if (untilMillis > nowMillis && untilMillis >= drainUntilMillis) {
            drainUntilMillis = untilMillis;
            drainDetail = detail == null ? "" : detail;
        }
        evaluate(nowMillis, sink);
    }

    void tick(long nowMillis, Consumer<HealthTransition> sink) {
        evaluate(nowMillis, sink);
    }

    private boolean timedOut(long nowMillis) {
        return lastHeartbeatMillis != Long.MIN_VALUE && nowMillis - lastHeartbeatMillis > settings.heartbeatTimeoutMillis();
    }

    private boolean drainingAt(long nowMillis) {
        return drainUntilMillis != Long.MIN_VALUE && nowMillis < drainUntilMillis;
    }

    private record Verdict(HealthState state, String why) {}

    private void evaluate(long nowMillis, Consumer<HealthTransition> sink) {
        if (timedOut(nowMillis)) {
            beats.reset(false);
        }
        boolean drainEnded = drainUntilMillis != Long.MIN_VALUE && !drainingAt(nowMillis);
        if (drainEnded) {
            drainUntilMillis = Long.MIN_VALUE;
            drainDetail = "";
        }
        Verdict others = otherSignals(nowMillis);
        Verdict v = others;
        if (drainingAt(nowMillis)) {
            String drain = "draining: " + drainDetail + " (until " + Instant.ofEpochMilli(drainUntilMillis) + ")";
            // A dead node stays explained by what killed it; the drain is the reason only for a node that
            // would otherwise serve.
            v = new Verdict(HealthState.DOWN, others.state() == HealthState.DOWN ? others.why() + "; also " + drain : drain);
        } else if (drainEnded && v.state() != HealthState.DOWN) {
            v = new Verdict(v.state(), "drain ended; " + v.why());
        }
        stateAfterDrain = others.state();
        if (v.state() != state) {
            sink.accept(new HealthTransition(node.id(), node.siteId(), state, v.state(), v.why(), nowMillis));
            state = v.state();
            sinceMillis = nowMillis;
        }
        reason = v.why();
    }

    /** Every signal except a drain, in order of precedence. */
    private Verdict otherSignals(long nowMillis) {
        if (lastHeartbeatMillis == Long.MIN_VALUE) {
            return new Verdict(HealthState.DOWN, "no heartbeat received yet");
        }
        if (timedOut(nowMillis)) {
            return new Verdict(HealthState.DOWN, "heartbeat timeout: last heartbeat " + (nowMillis - lastHeartbeatMillis)
                    + " ms ago, limit " + settings.heartbeatTimeoutMillis() + " ms");
        }
        if (!beats.passing()) {
            return new Verdict(HealthState.DOWN, lastBeat.hasFatalFlag() ? "self-reported unhealthy: " + lastBeat.flags()
                    : "recovering: " + beats.goodStreak() + " of " + beats.rise() + " good heartbeats");
        }
        if (!sip.isEmpty() && sip.values().stream().noneMatch(TransportSignal::passing)) {
            return new Verdict(HealthState.DOWN, "SIP OPTIONS checks failing on every transport: " + sipSummary());
        }
        boolean partial = sip.values().stream().anyMatch(t -> !t.passing());
        String checks = partial ? "; SIP " + sipSummary() : "";
        if (!lastBeat.flags().isEmpty()) {
            return new Verdict(HealthState.DEGRADED, "self-reported degraded: " + lastBeat.flags() + checks);
        }
        return new Verdict(HealthState.UP, partial ? "heartbeats healthy" + checks
                : "heartbeats and SIP checks healthy");
    }

    private String sipSummary() {
        return sip.values().stream().map(t -> t.snapshot().summary()).collect(Collectors.joining("; "));
    }

    NodeStatus status() {
        NodeHeartbeat b = lastBeat;
        Set<HealthFlag> flags = b == null ? Set.of() : b.flags();
        return new NodeStatus(node, state, reason, sinceMillis, lastHeartbeatMillis, flags,
                b == null ? 0 : b.activeCalls(), b == null ? 0 : b.registrations(), b == null ? 0 : b.freeRtpPorts(),
                b == null ? 0 : b.load(),
                drainUntilMillis, drainUntilMillis == Long.MIN_VALUE ? state : stateAfterDrain, transports());
    }

    private Map<SipTransport, TransportHealth> transports() {
        if (sip.isEmpty()) {
            return Map.of();
        }
        Map<SipTransport, TransportHealth> out = new EnumMap<>(SipTransport.class);
        sip.forEach((t, s) -> out.put(t, s.snapshot()));
        return java.util.Collections.unmodifiableMap(out);
    }
}
