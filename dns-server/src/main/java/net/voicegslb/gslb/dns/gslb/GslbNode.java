package net.voicegslb.gslb.dns.gslb;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import net.voicegslb.gslb.dns.admin.SiteActions;
import net.voicegslb.gslb.dns.config.GslbConfig;
import net.voicegslb.gslb.dns.config.SipCheckTarget;
import net.voicegslb.gslb.dns.events.AdminEvent;
import net.voicegslb.gslb.dns.events.EventLog;
import net.voicegslb.gslb.dns.events.EventStore;
import net.voicegslb.gslb.dns.sipcheck.SipCheckListener;
import net.voicegslb.gslb.dns.sipcheck.SipHealthChecker;
import net.voicegslb.gslb.dns.sipcheck.TargetOutcome;
import net.voicegslb.gslb.dns.telemetry.ResolverSightings;
import net.voicegslb.gslb.dns.telemetry.TelemetryServer;
import net.voicegslb.gslb.dns.telemetry.TelemetrySink;
import net.voicegslb.gslb.dns.zone.ZoneSet;
import net.voicegslb.gslb.policy.admin.AdminAction;
import net.voicegslb.gslb.policy.admin.AdminChange;
import net.voicegslb.gslb.policy.admin.AdminPreview;
import net.voicegslb.gslb.policy.admin.AdminRefusedException;
import net.voicegslb.gslb.policy.admin.AdminRequest;
import net.voicegslb.gslb.policy.admin.SiteAdminOverride;
import net.voicegslb.gslb.policy.admin.WeightedClient;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import net.voicegslb.gslb.policy.health.NodeStatus;
import net.voicegslb.gslb.policy.health.SiteHealth;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.model.Site;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a DNS node runs for GSLB, created and closed together: the event history, the
 * service that keeps answers current, and the inputs that feed it.
 */
public final class GslbNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GslbNode.class);
    /** Client networks a preview ranks at most: bounded work per preview on the admin thread. */
    static final int MAX_PREVIEW_CLIENTS = 20_000;

    private final EventStore store;
    private final EventLog events;
    private final GslbService service;
    private final LongSupplier clock;
    private final MeterRegistry registry;
    private final ResolverSightings sightings;
    private final SiteMetrics siteMetrics;
    private final GslbInsight insight;
    private final java.util.concurrent.ScheduledExecutorService insightTimer;
    private TelemetryServer telemetry;
    private SipHealthChecker checker;

    private GslbNode(EventStore store, EventLog events, GslbService service, LongSupplier clock,
                     MeterRegistry registry, ResolverSightings sightings) {
        this.store = store;
        this.events = events;
        this.service = service;
        this.clock = clock;
        this.registry = registry;
        this.sightings = sightings;
        this.siteMetrics = new SiteMetrics(service.engine(), clock, registry);
        this.insight = new GslbInsight(service, new TrafficHistory(), clock);
        this.insightTimer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gslb-insight");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    public static GslbNode create(GslbConfig config, MeterRegistry registry) {
        LongSupplier clock = System::currentTimeMillis;
        EventStore store = EventStore.open(config.events().jdbcUrl());
        EventLog events = new EventLog(store, config.events().retention(), registry);
        ResolverSightings sightings = new ResolverSightings();
        GslbService service = new GslbService(config, events,
                sightings::record, clock);
        GslbNode node = new GslbNode(store, events, service, clock, registry, sightings);
        Gauge.builder("gslb.answers.client.keys", service, s -> s.layer() == null ? 0 : s.layer().answers().clientKeys())
                .description("Decision prefixes (longest measured prefix covering a client; /0 for the unmeasured)"
                        + " with precomputed answers")
                .register(registry);
        FunctionCounter.builder("gslb.answers.evictions", service.answerCounters(), AnswerTableCounters::evictions)
                .description("Answer table entries evicted at answers.max_clients, least recently asked first")
                .register(registry);
        FunctionCounter.builder("gslb.answers.deferred.rankings", service.answerCounters(),
                        AnswerTableCounters::deferredRankings)
                .description("Queries answered with the site-wide stopgap because answers.loop_rankings_per_second"
                        + " was spent; the refresher ranks them").register(registry);
        Gauge.builder("gslb.answers.refreshes", service, s -> s.layer() == null ? 0 : s.layer().answers().refreshes())
                .description("Rebuilds of the precomputed answers").register(registry);
        return node;
    }

    public GslbService.Layer prepare(GslbConfig config, ZoneSet zones) {
        return service.prepare(config, zones);
    }

    public synchronized void activate(GslbService.Layer layer) {
        boolean first = service.layer() == null;
        service.activate(layer);
        GslbConfig c = layer.config();
        siteMetrics.follow(c.inventory());
        if (!first) {
            if (telemetry != null && c.telemetry().enabled()) {
                telemetry.reconfigure(c.telemetry());
            }
            if (checker != null) {
                checker.reconfigure(c.sipChecks(), c.sipChecks().enabled() ? c.checkTargets() : List.of());
            }
            service.record(service.engine().retainSipChecks(checkedTransports(c), clock.getAsLong()));
        }
        events.configEvent(first ? "started" : "reload_ok", layer.config().inventory().sites().size() + " sites, "
                + layer.config().inventory().nodes().size() + " nodes, "
                + layer.config().inventory().services().size() + " services, " + layer.names().byName().size()
                + " dynamic names");
    }

    /**
     * Starts the timers, the telemetry listener and the SIP checks. The listener address and TLS
     * files are read here only: changing them needs a restart.
     */
    public synchronized void start() {
        GslbConfig c = service.layer().config();
        restoreAdminStates();
        service.start();
        if (c.telemetry().enabled()) {
            telemetry = TelemetryServer.start(c.telemetry(), () -> service.engine().inventory(), new PolicySink(),
                    sightings, registry, clock);
        }
        checker = new SipHealthChecker(c.sipChecks(), c.sipChecks().enabled() ? c.checkTargets() : List.of(),
                new CheckSink(), clock, registry);
        checker.start();
        insightTimer.scheduleAtFixedRate(() -> {
            try {
                insight.step();
            } catch (RuntimeException e) {
                LOG.warn("dashboard history sample failed", e);
            }
        }, TrafficHistory.SITE_STEP_MILLIS, TrafficHistory.SITE_STEP_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        TelemetryRejectionDigest rejections = new TelemetryRejectionDigest(registry, events);
        insightTimer.scheduleAtFixedRate(() -> {
            try {
                rejections.run();
            } catch (RuntimeException e) {
                LOG.warn("telemetry rejection digest failed", e);
            }
        }, 1, 1, java.util.concurrent.TimeUnit.MINUTES);
    }

    /** The heat map and the history for the dashboard. */
    public net.voicegslb.gslb.dns.admin.DashboardData dashboardData() {
        return new net.voicegslb.gslb.dns.admin.DashboardData() {
            @Override
            public Map<String, Object> heatMap(String serviceName, int limit, String search) {
                return insight.heatMap(serviceName, limit, search);
            }

            @Override
            public Map<String, Object> siteHistory() {
                return insight.history().sitesJson();
            }

            @Override
            public Map<String, Object> prefixHistory(net.voicegslb.gslb.policy.model.ClientPrefix prefix) {
                return insight.history().prefixJson(prefix);
            }
        };
    }

    /**
     * Re-applies the administrative state each site was last given, from the event history, so
     * that a drain or a disable survives a restart (a drain only until its end). Forced: the
     * operator already decided, and health is not known yet at start.
     */
    private void restoreAdminStates() {
        long now = clock.getAsLong();
        List<String> restored = new java.util.ArrayList<>();
        for (AdminEvent e : events.latestAdminPerSite()) {
            if (service.engine().inventory().siteOrNull(e.site()) == null || e.to().equals("ACTIVE")) {
                continue;
            }
            AdminRequest r;
            if (e.to().equals("DRAIN")) {
                if (e.until() == null || e.until().toEpochMilli() <= now) {
                    continue;
                }
                r = AdminRequest.drain(e.site(), e.until().toEpochMilli(), e.by(), e.reason(), true);
            } else {
                r = AdminRequest.of(e.site(), AdminAction.DISABLE, e.by(), e.reason(), true);
            }
            try {
                service.engine().changeSiteAdmin(r, now);
                restored.add(e.site() + " " + e.to().toLowerCase(java.util.Locale.ROOT)
                        + (e.until() == null ? "" : " until " + e.until()) + " (by " + e.by() + ")");
            } catch (AdminRefusedException x) {
                LOG.warn("admin state of {} not restored: {}", e.site(), x.getMessage());
            }
        }
        if (!restored.isEmpty()) {
            events.configEvent("admin_restored", String.join("; ", restored));
        }
    }

    /** Drain, undrain, disable and enable of sites, for the admin API. */
    public SiteActions siteActions() {
        return new SiteActions() {
            @Override
            public boolean hasSite(String siteId) {
                return service.engine().inventory().siteOrNull(siteId) != null;
            }

            @Override
            public AdminPreview preview(AdminRequest request) {
                // Weighed by recent queries (sampled on the DNS path): every measured network, with its
                // queries (maybe none), and every network asked for, the unmeasured (/0) among them. With
                // no queries recently, every measured network counts once.
                Map<net.voicegslb.gslb.policy.model.ClientPrefix, Double> recent = insight.history().recentQueries();
                boolean byQueries = !recent.isEmpty();
                Map<net.voicegslb.gslb.policy.model.ClientPrefix, Long> weights = new java.util.LinkedHashMap<>();
                recent.entrySet().stream().sorted(Map.Entry.<net.voicegslb.gslb.policy.model.ClientPrefix, Double>
                                comparingByValue().reversed()).limit(MAX_PREVIEW_CLIENTS)
                        .forEach(e -> weights.put(e.getKey(), Math.max(1, Math.round(e.getValue()))));
                for (var p : service.engine().store().prefixes(MAX_PREVIEW_CLIENTS)) {
                    if (weights.size() >= MAX_PREVIEW_CLIENTS) {
                        break;
                    }
                    weights.putIfAbsent(p, byQueries ? 0L : 1L);
                }
                List<WeightedClient> clients = weights.entrySet().stream()
                        .map(e -> new WeightedClient(e.getKey(), e.getValue())).toList();
                return service.engine().previewSiteAdmin(request, clients, byQueries, clock.getAsLong());
            }

            @Override
            public AdminChange apply(AdminRequest request) {
                AdminChange change = service.engine().changeSiteAdmin(request, clock.getAsLong());
                events.adminChange(change);
                return change;
            }

            @Override
            public long nowMillis() {
                return clock.getAsLong();
            }
        };
    }

    /** The transports each node is checked on: check state of any other transport is dropped on reload. */
    private static Map<String, Set<SipTransport>> checkedTransports(GslbConfig c) {
        Map<String, Set<SipTransport>> out = new HashMap<>();
        if (c.sipChecks().enabled()) {
            for (SipCheckTarget t : c.checkTargets()) {
                out.computeIfAbsent(t.nodeId(), k -> EnumSet.noneOf(SipTransport.class)).add(t.transport());
            }
        }
        return out;
    }

    /** Telemetry into the policy engine; transitions into the event log. */
    private final class PolicySink implements TelemetrySink {
        @Override
        public void onHello(NodeHello hello, long nowMillis) {
            service.record(service.engine().onHello(hello, nowMillis));
        }

        @Override
        public void onHeartbeat(NodeHeartbeat heartbeat, long nowMillis) {
            service.record(service.engine().onHeartbeat(heartbeat, nowMillis));
        }

        @Override
        public void onMeasurements(MeasurementBatch batch, long nowMillis) {
            service.engine().onMeasurements(batch, nowMillis);
        }
    }

    /** SIP check results into the policy engine, one per transport: health is kept per (node, transport). */
    private final class CheckSink implements SipCheckListener {
        @Override
        public void onCheck(String nodeId, boolean ok, String detail, List<TargetOutcome> outcomes, long nowMillis) {
            for (TargetOutcome o : outcomes) {
                service.record(service.engine().onSipCheck(nodeId, o.target().transport(),
                        o.kind() == TargetOutcome.Kind.ALIVE, o.describe(), nowMillis));
            }
        }

        @Override
        public void onDrain(String nodeId, long untilMillis, String detail, long nowMillis) {
            service.record(service.engine().onSipDrain(nodeId, untilMillis, detail, nowMillis));
        }
    }

    /** The telemetry listener's port (useful when configured as port 0), or -1 when off. */
    public int telemetryPort() {
        return telemetry == null ? -1 : telemetry.port();
    }

    public GslbService service() {
        return service;
    }

    public EventLog events() {
        return events;
    }

    public ExplainService explainer() {
        return new GslbExplainer(service::layer, service.engine(), clock);
    }

    /** Sites and nodes as the policy sees them now: for the dashboard and {@code /api/v1/status}. */
    public Map<String, Object> status() {
        long now = clock.getAsLong();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("atMillis", now);
        out.put("generation", service.engine().generation());
        List<Object> sites = new java.util.ArrayList<>();
        Map<String, SiteAdminOverride> overrides = service.engine().adminOverrides();
        for (Site site : service.engine().inventory().sites()) {
            SiteHealth h = service.engine().health().siteAt(site.id(), now);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("site", site.id());
            s.put("region", site.region());
            s.put("adminState", site.adminState().name());
            SiteAdminOverride o = overrides.get(site.id());
            if (o != null) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("by", o.by());
                a.put("reason", o.reason());
                a.put("sinceMillis", o.sinceMillis());
                a.put("untilMillis", o.untilMillis() == SiteAdminOverride.NO_END ? null : o.untilMillis());
                s.put("adminOverride", a);
            }
            s.put("state", h == null ? "UNKNOWN" : h.state().name());
            s.put("utilization", h == null ? null : JsonTree.of(h.utilization()));
            s.put("activeCalls", h == null ? null : h.activeCalls());
            s.put("healthyCapacityCalls", h == null ? null : JsonTree.of(h.healthyCapacityCalls()));
            s.put("lastUpMillis", h == null || h.lastUpMillis() <= 0 ? null : h.lastUpMillis());
            List<Object> nodes = new java.util.ArrayList<>();
            if (h != null) {
                for (NodeStatus n : h.nodes()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("node", n.node().id());
                    m.put("state", n.state().name());
                    m.put("reason", n.reason());
                    m.put("sinceMillis", n.sinceMillis());
                    m.put("lastHeartbeatMillis", n.lastHeartbeatMillis() == Long.MIN_VALUE ? null
                            : n.lastHeartbeatMillis());
                    m.put("activeCalls", n.activeCalls());
                    m.put("registrations", n.registrations());
                    m.put("load", JsonTree.of(n.load()));
                    m.put("flags", n.flags().stream().map(Enum::name).toList());
                    Map<String, Object> sip = new LinkedHashMap<>();
                    n.transports().forEach((t, th) -> {
                        Map<String, Object> tm = new LinkedHashMap<>();
                        tm.put("state", th.passing() ? "UP" : "DOWN");
                        tm.put("detail", th.detail());
                        tm.put("sinceMillis", th.sinceMillis());
                        tm.put("lastCheckMillis", th.lastCheckMillis());
                        sip.put(t.name().toLowerCase(java.util.Locale.ROOT), tm);
                    });
                    m.put("sip", sip);
                    nodes.add(m);
                }
            }
            s.put("nodes", nodes);
            sites.add(s);
        }
        out.put("sites", sites);
        GslbService.Layer layer = service.layer();
        out.put("names", layer == null ? List.of() : layer.names().byName().keySet().stream()
                .map(n -> n.toString(true)).sorted().toList());
        return out;
    }

    @Override
    public synchronized void close() {
        insightTimer.shutdownNow();
        if (checker != null) {
            checker.close();
        }
        if (telemetry != null) {
            telemetry.close();
        }
        service.close();
        events.close();
        store.close();
    }
}
