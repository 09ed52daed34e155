package net.voicegslb.gslb.policy.health;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.model.Node;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.model.Site;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;

/**
 * Health of every node and site. Health producers (telemetry ingest, the SIP checker, a periodic
 * {@link #tick}) call the writer methods from any thread; they serialize on an internal lock.
 * Readers get immutable {@link SiteHealth} snapshots without locking. The owner must call
 * {@link #tick} about once a second so that heartbeat timeouts become recorded transitions; readers
 * that use {@link #siteAt} see a timeout immediately even between ticks.
 */
public final class HealthRegistry {
    private final HealthSettings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, NodeHealthMachine> machines = new LinkedHashMap<>();
    private final Map<String, Long> lastUp = new HashMap<>();
    private final Map<String, ArrayDeque<HealthTransition>> history = new HashMap<>();
    private final Map<String, List<HealthTransition>> publishedHistory = new ConcurrentHashMap<>();
    private Inventory inventory;

    private volatile Inventory publishedInventory;
    private volatile Map<String, SiteHealth> sites = Map.of();
    private volatile long generation;

    public HealthRegistry(Inventory inventory, HealthSettings settings, long nowMillis) {
        this.settings = settings;
        reconfigure(inventory, nowMillis);
    }

    public HealthSettings settings() {
        return settings;
    }

    /** Applies a new inventory; nodes that remain keep their state machines. */
    public void reconfigure(Inventory newInventory, long nowMillis) {
        lock.lock();
        try {
            inventory = Objects.requireNonNull(newInventory);
            Map<String, NodeHealthMachine> old = new HashMap<>(machines);
            machines.clear();
            for (Node n : newInventory.nodes()) {
                NodeHealthMachine m = old.get(n.id());
                machines.put(n.id(), m != null && m.node().equals(n) ? m : new NodeHealthMachine(n, settings, nowMillis));
            }
            publish(nowMillis, true);
        } finally {
            lock.unlock();
        }
    }

    /** Registers a node that the inventory does not list but whose site it does (self-announcing nodes). */
    public List<HealthTransition> onHello(NodeHello hello, long nowMillis) {
        lock.lock();
        try {
            if (inventory.siteOrNull(hello.siteId()) == null) {
                throw new IllegalArgumentException("hello from node " + hello.nodeId() + " names unknown site "
                        + hello.siteId());
            }
            NodeHealthMachine existing = machines.get(hello.nodeId());
            if (existing == null) {
                machines.put(hello.nodeId(), new NodeHealthMachine(nodeFrom(hello), settings, nowMillis));
                publish(nowMillis, true);
            }
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    public List<HealthTransition> onHeartbeat(NodeHeartbeat hb, long nowMillis) {
        return apply(hb.nodeId(), nowMillis, (m, sink) -> {
            m.onHeartbeat(hb, nowMillis, sink);
            return false;
        });
    }

    /**
     * Result of the DNS node's own SIP OPTIONS check of a node on one transport. A transport whose
     * verdict flips moves {@link #generation} even when the node's state stays, because the
     * transport's SRV answers change.
     */
    public List<HealthTransition> onSipCheck(String nodeId, SipTransport transport, boolean ok, String detail,
                                             long nowMillis) {
        return apply(nodeId, nowMillis, (m, sink) -> m.onSipCheck(transport, ok, detail, nowMillis, sink));
    }

    /**
     * The transports each node is checked on now (after a reload): check state of any other
     * transport is forgotten, so that a check dropped from the config cannot hold a node out of an
     * SRV for good. Nodes not in the map keep no check state at all.
     */
    public List<HealthTransition> retainSipChecks(Map<String, Set<SipTransport>> checked, long nowMillis) {
        lock.lock();
        try {
            List<HealthTransition> out = new ArrayList<>();
            boolean changed = false;
            for (NodeHealthMachine m : machines.values()) {
                changed |= m.retainSipChecks(checked.getOrDefault(m.node().id(), Set.of()), nowMillis,
                        t -> remember(t, out));
            }
            publish(nowMillis, changed || !out.isEmpty());
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The node answered a SIP check with 503 and Retry-After: it is down until {@code untilMillis}
     * (a later drain may only extend this), then back to what its other signals say at the next
     * {@link #tick}; {@link #siteAt} readers see the end at once.
     */
    public List<HealthTransition> onSipDrain(String nodeId, long untilMillis, String detail, long nowMillis) {
        return apply(nodeId, nowMillis, (m, sink) -> {
            m.onSipDrain(untilMillis, detail, nowMillis, sink);
            return false;
        });
    }

    /** Re-evaluates timeouts and drain ends of every node. */
    public List<HealthTransition> tick(long nowMillis) {
        lock.lock();
        try {
            List<HealthTransition> out = new ArrayList<>();
            for (NodeHealthMachine m : machines.values()) {
                m.tick(nowMillis, t -> remember(t, out));
            }
            publish(nowMillis, !out.isEmpty());
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Last published snapshot of a site (null if unknown); may be stale by up to one tick. */
    public SiteHealth site(String siteId) {
        return sites.get(siteId);
    }

    /** Snapshot valid at {@code now}: recomputed without locking if a heartbeat timed out since it was made. */
    public SiteHealth siteAt(String siteId, long nowMillis) {
        SiteHealth h = sites.get(siteId);
        if (h == null || nowMillis < h.expiresAtMillis()) {
            return h;
        }
        Site site = currentInventory().siteOrNull(siteId);
        return site == null ? h : SiteHealthCalculator.compute(site, h.nodes(), nowMillis,
                settings.heartbeatTimeoutMillis(), h.lastUpMillis());
    }

    /** The most recent transitions of a node, oldest first. */
    public List<HealthTransition> history(String nodeId) {
        return publishedHistory.getOrDefault(nodeId, List.of());
    }

    /** Changes whenever a site's state, serving nodes or utilization (to the percent) changes. */
    public long generation() {
        return generation;
    }

    private Inventory currentInventory() {
        return publishedInventory;
    }

    private interface MachineAction {
        /** Returns true when readers must see a change even without a node transition. */
        boolean run(NodeHealthMachine machine, Consumer<HealthTransition> sink);
    }

    private List<HealthTransition> apply(String nodeId, long nowMillis, MachineAction action) {
        lock.lock();
        try {
            NodeHealthMachine m = machines.get(nodeId);
            if (m == null) {
                throw new IllegalArgumentException("unknown node " + nodeId + " (not configured and no hello)");
            }
            List<HealthTransition> out = new ArrayList<>(1);
            boolean changed = action.run(m, t -> remember(t, out));
            publish(nowMillis, changed || !out.isEmpty());
            return out;
        } finally {
            lock.unlock();
        }
    }

    private void remember(HealthTransition t, List<HealthTransition> out) {
        out.add(t);
        ArrayDeque<HealthTransition> h = history.computeIfAbsent(t.nodeId(), k -> new ArrayDeque<>());
        if (h.size() == settings.historyPerNode()) {
            h.removeFirst();
        }
        h.addLast(t);
        publishedHistory.put(t.nodeId(), List.copyOf(h));
    }

    private void publish(long nowMillis, boolean forceBump) {
        Map<String, List<NodeStatus>> bySite = new LinkedHashMap<>();
        for (Site s : inventory.sites()) {
            bySite.put(s.id(), new ArrayList<>());
        }
        for (NodeHealthMachine m : machines.values()) {
            List<NodeStatus> list = bySite.get(m.node().siteId());
            if (list != null) {
                list.add(m.status());
            }
        }
        Map<String, SiteHealth> fresh = new LinkedHashMap<>();
        boolean changed = forceBump;
        Map<String, SiteHealth> previous = sites;
        for (Site s : inventory.sites()) {
            long prevUp = lastUp.getOrDefault(s.id(), Long.MIN_VALUE);
            SiteHealth h = SiteHealthCalculator.compute(s, bySite.get(s.id()), nowMillis,
                    settings.heartbeatTimeoutMillis(), prevUp);
            lastUp.put(s.id(), h.lastUpMillis());
            fresh.put(s.id(), h);
            changed |= materiallyDifferent(previous.get(s.id()), h);
        }
        publishedInventory = inventory;
        sites = Map.copyOf(fresh);
        if (changed) {
            generation++;
        }
    }

    private static boolean materiallyDifferent(SiteHealth a, SiteHealth b) {
        return a == null || a.state() != b.state() || !a.liveNodes().equals(b.liveNodes())
                || Math.round(a.utilization() * 100) != Math.round(b.utilization() * 100)
                || (a.freeRtpPorts() == 0) != (b.freeRtpPorts() == 0);
    }

    private static Node nodeFrom(NodeHello hello) {
        List<Inet4Address> v4 = new ArrayList<>();
        List<Inet6Address> v6 = new ArrayList<>();
        for (InetAddress a : hello.addresses()) {
            if (a instanceof Inet4Address i4) {
                v4.add(i4);
            } else if (a instanceof Inet6Address i6) {
                v6.add(i6);
            }
        }
        return new Node(hello.nodeId(), hello.siteId(), hello.hostname(), v4, v6, hello.sipEndpoints());
    }
}
