package net.voicegslb.gslb.policy;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import net.voicegslb.gslb.policy.explain.Explainer;
import net.voicegslb.gslb.policy.explain.Explanation;
import net.voicegslb.gslb.policy.explain.ExplanationText;
import net.voicegslb.gslb.policy.health.HealthRegistry;
import net.voicegslb.gslb.policy.health.HealthTransition;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.model.Service;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.model.Tenant;
import net.voicegslb.gslb.policy.quality.EModel;
import net.voicegslb.gslb.policy.rank.Ranker;
import net.voicegslb.gslb.policy.rank.Ranking;
import net.voicegslb.gslb.policy.store.MeasurementStore;
import net.voicegslb.gslb.policy.store.TopologyMap;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;

/**
 * The policy module's front door: feed it telemetry and health, ask it to rank.
 *
 * <p>Threading contract: owns no threads and never reads a clock; every method takes the time.
 * Producer methods ({@code on*}, {@link #tick}, {@link #housekeeping}, {@link #reconfigure}) may be
 * called from any number of threads; each subsystem serializes its writers on a short internal
 * lock. Reader methods ({@link #rank}, {@link #explain}, {@link #generation}) never block and may run
 * on any number of threads concurrently with producers.
 */
public final class PolicyEngine {
    private final PolicySettings settings;
    private final EModel eModel;
    private final MeasurementStore store;
    private final HealthRegistry health;
    private final Ranker ranker;
    private final Explainer explainer;
    private volatile Inventory inventory;
    private volatile TopologyMap topology;
    private volatile long configGeneration;

    public PolicyEngine(Inventory inventory, TopologyMap topology, PolicySettings settings, long nowMillis) {
        this.settings = settings;
        this.inventory = Objects.requireNonNull(inventory);
        this.topology = Objects.requireNonNull(topology);
        this.eModel = new EModel(settings.eModel());
        this.store = new MeasurementStore(settings.store(), nowMillis);
        this.health = new HealthRegistry(inventory, settings.health(), nowMillis);
        this.ranker = new Ranker(eModel, settings.scoring(), store, health, settings.maxHysteresisKeys());
        this.explainer = new Explainer(eModel);
    }

    // ------------------------------------------------------------------ producers

    public void onMeasurements(MeasurementBatch batch, long nowMillis) {
        if (inventory.siteOrNull(batch.siteId()) == null) {
            throw new IllegalArgumentException("measurements from node " + batch.nodeId() + " for unknown site "
                    + batch.siteId());
        }
        store.record(batch, nowMillis);
    }

    public List<HealthTransition> onHello(NodeHello hello, long nowMillis) {
        return health.onHello(hello, nowMillis);
    }

    public List<HealthTransition> onHeartbeat(NodeHeartbeat heartbeat, long nowMillis) {
        return health.onHeartbeat(heartbeat, nowMillis);
    }

    /** Result of the DNS node's own SIP OPTIONS check of one transport of a node. */
    public List<HealthTransition> onSipCheck(String nodeId, SipTransport transport, boolean ok, String detail,
                                             long nowMillis) {
        return health.onSipCheck(nodeId, transport, ok, detail, nowMillis);
    }

    /** The transports each node is checked on after a reload (see {@link HealthRegistry#retainSipChecks}). */
    public List<HealthTransition> retainSipChecks(java.util.Map<String, java.util.Set<SipTransport>> checked,
                                                  long nowMillis) {
        return health.retainSipChecks(checked, nowMillis);
    }

    /** The DNS node's SIP check got 503 with Retry-After: the node drains until {@code untilMillis}. */
    public List<HealthTransition> onSipDrain(String nodeId, long untilMillis, String detail, long nowMillis) {
        return health.onSipDrain(nodeId, untilMillis, detail, nowMillis);
    }

    /** Call about once a second: turns heartbeat timeouts into recorded transitions. */
    public List<HealthTransition> tick(long nowMillis) {
        return health.tick(nowMillis);
    }

    /** Call every minute or so: expires old measurements and idle hysteresis keys. */
    public void housekeeping(long nowMillis) {
        store.sweep(nowMillis);
        ranker.sweepHysteresis(nowMillis, settings.store().expireAfterMillis());
    }

    /** Applies a reloaded configuration; measurements and node states that still apply are kept. */
    public synchronized void reconfigure(Inventory newInventory, TopologyMap newTopology, long nowMillis) {
        health.reconfigure(newInventory, nowMillis);
        this.inventory = newInventory;
        this.topology = newTopology;
        configGeneration++;
    }

    // ------------------------------------------------------------------ readers

    /**
     * Ranks a service's sites for a client.
     *
     * @param client the ECS prefix, or the resolver's address as a host prefix
     * @param tenantLabel tenant whose home sites to prefer, or null
     */
    public Ranking rank(String serviceName, ClientPrefix client, String tenantLabel, long nowMillis) {
        Inventory inv = inventory;
        Service service = inv.service(serviceName)
                .orElseThrow(() -> new IllegalArgumentException("unknown service " + serviceName));
        Tenant tenant = tenantLabel == null ? null : inv.tenant(tenantLabel).orElse(null);
        return ranker.rank(inv, topology, service, tenant, client, nowMillis, generation());
    }

    public Ranking rank(String serviceName, InetAddress client, long nowMillis) {
        return rank(serviceName, ClientPrefix.host(client), null, nowMillis);
    }

    public Explanation explain(Ranking ranking) {
        Service service = inventory.service(ranking.service()).orElseThrow();
        return explainer.explain(ranking, service.parameters().codec());
    }

    public String explainText(Ranking ranking) {
        return ExplanationText.render(explain(ranking));
    }

    /**
     * Moves whenever anything that can change an answer changes: configuration, measurements, site
     * health, or a hysteresis switch. Answers precomputed at one generation stay valid until it moves
     * or their {@link Ranking#validUntilMillis()} passes.
     */
    public long generation() {
        return configGeneration + store.generation() + health.generation() + ranker.hysteresisGeneration();
    }

    /**
     * The part of {@link #generation()} that moves only when eligibility, serving nodes or a
     * hysteresis choice changes, not on every measurement batch: callers that precompute answers
     * can refresh on this at once and on measurement changes at their own pace.
     */
    public long answerSetGeneration() {
        return configGeneration + health.generation() + ranker.hysteresisGeneration();
    }

    /** Moves on every measurement batch and sweep. */
    public long measurementGeneration() {
        return store.generation();
    }

    public Inventory inventory() {
        return inventory;
    }

    public MeasurementStore store() {
        return store;
    }

    public HealthRegistry health() {
        return health;
    }

    public EModel eModel() {
        return eModel;
    }
}
