package net.voicegslb.gslb.policy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.voicegslb.gslb.policy.admin.AdminChange;
import net.voicegslb.gslb.policy.admin.AdminPreview;
import net.voicegslb.gslb.policy.admin.AdminRefusedException;
import net.voicegslb.gslb.policy.admin.AdminRequest;
import net.voicegslb.gslb.policy.admin.ChangePreview;
import net.voicegslb.gslb.policy.admin.SiteAdminOverride;
import net.voicegslb.gslb.policy.admin.SiteAdminStates;
import net.voicegslb.gslb.policy.admin.WeightedClient;
import net.voicegslb.gslb.policy.explain.Explainer;
import net.voicegslb.gslb.policy.explain.Explanation;
import net.voicegslb.gslb.policy.explain.ExplanationText;
import net.voicegslb.gslb.policy.health.HealthRegistry;
import net.voicegslb.gslb.policy.health.HealthTransition;
import net.voicegslb.gslb.policy.health.SiteHealth;
import net.voicegslb.gslb.policy.model.AdminState;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.model.Service;
import net.voicegslb.gslb.policy.model.Site;
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
    private final SiteAdminStates adminStates = new SiteAdminStates();
    /** As the config has it; {@link #inventory} is this with the operators' run-time states laid over it. */
    private volatile Inventory configInventory;
    private volatile Inventory inventory;
    private volatile TopologyMap topology;
    private volatile long configGeneration;

    public PolicyEngine(Inventory inventory, TopologyMap topology, PolicySettings settings, long nowMillis) {
        this.settings = settings;
        this.configInventory = Objects.requireNonNull(inventory);
        this.inventory = inventory;
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
        adminStates.retain(newInventory);
        Inventory effective = adminStates.effective(newInventory);
        health.reconfigure(effective, nowMillis);
        this.configInventory = newInventory;
        this.inventory = effective;
        this.topology = newTopology;
        configGeneration++;
    }

    /**
     * Sets a site's administrative state at run time (drain until a time, undrain, disable,
     * enable). Refused, with the reason, for an unknown site, a drain without a future end, or when
     * the change would leave a service with no active serving site and {@code force} is not set.
     *
     * @throws AdminRefusedException with the reason in words for the operator
     */
    public synchronized AdminChange changeSiteAdmin(AdminRequest request, long nowMillis) {
        String refusal = check(request, nowMillis);
        if (refusal != null && !request.force()) {
            throw new AdminRefusedException(refusal + "; repeat with force to do it anyway", true);
        }
        AdminChange change = adminStates.apply(request, configInventory, refusal != null, nowMillis);
        inventory = adminStates.effective(configInventory);
        configGeneration++;
        return change;
    }

    /** Call about once a second: drains that reached their end become changes back to the config's state. */
    public synchronized List<AdminChange> expireAdminStates(long nowMillis) {
        List<AdminChange> ended = adminStates.expire(configInventory, nowMillis);
        if (!ended.isEmpty()) {
            inventory = adminStates.effective(configInventory);
            configGeneration++;
        }
        return ended;
    }

    /** The run-time administrative state of each site that has one. */
    public Map<String, SiteAdminOverride> adminOverrides() {
        return adminStates.overrides();
    }

    /**
     * What {@code request} would do to the answers of {@code clients}, without doing it: the same
     * rankings the DNS path makes, on a copy of the inventory, with hysteresis read but not recorded.
     *
     * @param byQueries the clients' weights are their recent queries (else each counts once)
     * @throws AdminRefusedException when the request itself is invalid (unknown site, bad end time)
     */
    public AdminPreview previewSiteAdmin(AdminRequest request, List<WeightedClient> clients, boolean byQueries,
                                         long nowMillis) {
        Inventory current;
        Inventory changed;
        String refusal;
        synchronized (this) {
            refusal = check(request, nowMillis);
            current = inventory;
            changed = adminStates.wouldBe(request, configInventory, nowMillis);
        }
        TopologyMap topo = topology;
        long generation = generation();
        List<AdminPreview.ServiceMoves> services = new ArrayList<>();
        for (Service service : current.services()) {
            if (!service.pool().contains(request.siteId())) {
                continue;
            }
            Service changedService = changed.service(service.name()).orElseThrow();
            services.add(ChangePreview.service(service.name(), clients,
                    c -> ranker.rank(current, topo, service, null, c, nowMillis, generation, false),
                    c -> ranker.rank(changed, topo, changedService, null, c, nowMillis, generation, false),
                    site -> health.siteAt(site, nowMillis)));
        }
        return new AdminPreview(request, current.siteOrNull(request.siteId()).adminState(), refusal, services,
                byQueries);
    }

    /** Null when {@code request} may be done as asked; else why it needs force. Throws when it never may. */
    private String check(AdminRequest request, long nowMillis) {
        request.validate(nowMillis);
        if (configInventory.siteOrNull(request.siteId()) == null) {
            throw new AdminRefusedException("no site " + request.siteId() + " (sites: "
                    + String.join(", ", configInventory.sites().stream().map(Site::id).toList()) + ")");
        }
        if (request.target() == AdminState.ACTIVE) {
            return null;
        }
        Inventory after = adminStates.wouldBe(request, configInventory, nowMillis);
        List<String> orphaned = new ArrayList<>();
        for (Service service : inventory.services()) {
            if (service.pool().contains(request.siteId()) && activeServing(inventory, service, nowMillis) > 0
                    && activeServing(after, service, nowMillis) == 0) {
                orphaned.add(service.name());
            }
        }
        return orphaned.isEmpty() ? null : request.siteId() + " is the last active site serving "
                + String.join(", ", orphaned);
    }

    private int activeServing(Inventory inv, Service service, long nowMillis) {
        int n = 0;
        for (String id : service.pool()) {
            SiteHealth h = health.siteAt(id, nowMillis);
            if (inv.siteOrNull(id).adminState() == AdminState.ACTIVE && h != null && h.serving()) {
                n++;
            }
        }
        return n;
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

    /**
     * As {@link #rank(String, ClientPrefix, String, long)}, but only looking: the hysteresis state is
     * read, never recorded, so watching decisions (the dashboard) cannot change them.
     */
    public Ranking peek(String serviceName, ClientPrefix client, String tenantLabel, long nowMillis) {
        Inventory inv = inventory;
        Service service = inv.service(serviceName)
                .orElseThrow(() -> new IllegalArgumentException("unknown service " + serviceName));
        Tenant tenant = tenantLabel == null ? null : inv.tenant(tenantLabel).orElse(null);
        return ranker.rank(inv, topology, service, tenant, client, nowMillis, generation(), false);
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
