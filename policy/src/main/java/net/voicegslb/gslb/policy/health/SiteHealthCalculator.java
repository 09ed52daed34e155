package net.voicegslb.gslb.policy.health;

import java.util.ArrayList;
import java.util.List;
import net.voicegslb.gslb.policy.model.Node;
import net.voicegslb.gslb.policy.model.Site;

/** Folds node statuses into a {@link SiteHealth}; pure, so readers can recompute a stale snapshot. */
final class SiteHealthCalculator {
    private SiteHealthCalculator() {
    }

    static SiteHealth compute(Site site, List<NodeStatus> statuses, long nowMillis, long timeoutMillis,
                              long previousLastUpMillis) {
        List<Node> up = new ArrayList<>();
        List<Node> degraded = new ArrayList<>();
        int calls = 0;
        int ports = 0;
        double loadSum = 0;
        long expires = Long.MAX_VALUE;
        for (NodeStatus s : statuses) {
            if (!s.liveAt(nowMillis, timeoutMillis)) {
                if (s.drainingAt(nowMillis) && s.stateAfterDrain() != HealthState.DOWN) {
                    // The node serves again when the drain ends; the snapshot is stale from then on.
                    expires = Math.min(expires, s.drainUntilMillis());
                }
                continue;
            }
            (s.stateAt(nowMillis) == HealthState.UP ? up : degraded).add(s.node());
            calls += s.activeCalls();
            ports += s.freeRtpPorts();
            loadSum += s.load();
            expires = Math.min(expires, s.lastHeartbeatMillis() + timeoutMillis);
        }
        int serving = up.size() + degraded.size();
        HealthState state = !up.isEmpty() ? HealthState.UP : !degraded.isEmpty() ? HealthState.DEGRADED : HealthState.DOWN;
        double share = statuses.isEmpty() ? 0 : (up.size() + 0.5 * degraded.size()) / statuses.size();
        double capacity = site.capacityCalls() * share;
        double utilization = serving == 0 || capacity <= 0 ? 1.0
                : Math.min(1.0, Math.max(calls / capacity, loadSum / serving));
        List<Node> live = new ArrayList<>(up);
        live.addAll(degraded);
        long lastUp = state == HealthState.DOWN ? previousLastUpMillis : nowMillis;
        return new SiteHealth(site.id(), state, statuses, live, capacity, calls, ports, utilization, lastUp, expires);
    }
}
