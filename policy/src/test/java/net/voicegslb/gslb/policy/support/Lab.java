package net.voicegslb.gslb.policy.support;

import java.util.List;
import java.util.Set;
import net.voicegslb.gslb.policy.PolicyEngine;
import net.voicegslb.gslb.policy.PolicySettings;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.model.Node;
import net.voicegslb.gslb.policy.rank.Ranking;
import net.voicegslb.gslb.policy.store.TopologyMap;
import net.voicegslb.gslb.policy.telemetry.HealthFlag;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;
import net.voicegslb.gslb.policy.telemetry.WireProtocol;

/** A policy engine plus helpers that play the agents: heartbeats and measurement reports. */
public final class Lab {
    public final PolicyEngine engine;
    private long seq;

    public Lab(Inventory inventory) {
        this(inventory, TopologyMap.empty());
    }

    public Lab(Inventory inventory, TopologyMap topology) {
        this.engine = new PolicyEngine(inventory, topology, PolicySettings.defaults(), 0);
    }

    /** Brings every node up (rise = 3 good heartbeats) between t and t + 2 s. */
    public void allUp(long t) {
        for (int i = 0; i < 3; i++) {
            heartbeatAll(t + i * 1000L);
        }
    }

    public void heartbeatAll(long t) {
        for (Node n : engine.inventory().nodes()) {
            heartbeat(n.id(), t, 10, 0.1);
        }
    }

    public void heartbeatSite(String site, long t, int callsPerNode, double load, HealthFlag... flags) {
        for (Node n : engine.inventory().nodesOf(site)) {
            engine.onHeartbeat(new NodeHeartbeat(WireProtocol.VERSION, n.id(), ++seq, Set.of(flags), callsPerNode, 0,
                    1000, load), t);
        }
    }

    public void heartbeat(String node, long t, int calls, double load) {
        engine.onHeartbeat(new NodeHeartbeat(WireProtocol.VERSION, node, ++seq, Set.of(), calls, 0, 1000, load), t);
    }

    public void measure(String site, String prefix, double rtt, double jitter, double loss, int samples, long t) {
        engine.onMeasurements(MeasurementBatch.of(site + "-1", site, t, List.of(new PrefixMeasurement(
                ClientPrefix.parse(prefix), MeasurementSource.RTP, rtt, jitter, loss, samples))), t);
    }

    public Ranking rank(String client, long t) {
        return engine.rank(Fixtures.SERVICE, ClientPrefix.parse(client), null, t);
    }

    public Ranking rank(String client, String tenant, long t) {
        return engine.rank(Fixtures.SERVICE, ClientPrefix.parse(client), tenant, t);
    }

    public static List<String> order(Ranking r) {
        return r.answer().stream().map(s -> s.siteId()).toList();
    }
}
