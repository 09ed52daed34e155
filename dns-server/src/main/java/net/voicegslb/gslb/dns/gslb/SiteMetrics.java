package net.voicegslb.gslb.dns.gslb;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import net.voicegslb.gslb.policy.PolicyEngine;
import net.voicegslb.gslb.policy.health.HealthState;
import net.voicegslb.gslb.policy.health.NodeStatus;
import net.voicegslb.gslb.policy.health.SiteHealth;
import net.voicegslb.gslb.policy.model.AdminState;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.model.Node;
import net.voicegslb.gslb.policy.model.Service;
import net.voicegslb.gslb.policy.model.Site;
import net.voicegslb.gslb.policy.store.PathEstimate;

/**
 * What a NOC alerts on, read from the policy at scrape time. Labels come from the configuration
 * only (site, node, service ids), never from a query or a telemetry frame, so the number of series
 * is bounded by the inventory; a reload adds and removes series with it.
 *
 * <ul>
 *   <li>{@code gslb_site_state{site,state}}: 1 for the site's health state ({@code up},
 *       {@code degraded}, {@code down}), 0 for the others; all 0 while it has none yet.
 *   <li>{@code gslb_site_admin_state{site,state}}: 1 for the operator's state ({@code active},
 *       {@code drain}, {@code disabled}), 0 for the others.
 *   <li>{@code gslb_node_state{site,node,state}}: the node's health state, likewise.
 *   <li>{@code gslb_node_heartbeat_age_seconds{site,node}}: time since the node's last heartbeat;
 *       while none came, since this server began watching the node (its start, or the reload that
 *       added it), so an agent that never connects shows as silent too.
 *   <li>{@code gslb_service_sites_serving{service}}: sites of the service's pool that may be
 *       answered: health not down and not disabled (a drained site still counts: it is answered
 *       when nothing else is).
 *   <li>{@code gslb_site_mos{service,site}}: the MOS the ranking predicts from the site-wide average
 *       path (what a client nobody measured yet is ranked on), with the service's codec.
 *   <li>{@code gslb_site_rtt_seconds{site}}, {@code gslb_site_jitter_seconds{site}},
 *       {@code gslb_site_loss_ratio{site}}: that average path.
 * </ul>
 *
 * The quality gauges read NaN while the site-wide average is too thin or too old for the ranking to
 * use: no evidence is not bad evidence, and a comparison with NaN never fires an alert.
 */
final class SiteMetrics {

    private final PolicyEngine engine;
    private final LongSupplier clock;
    /** When this server began watching each configured node: the age of a node never heard from. */
    private final Map<String, Long> watchedSince = new ConcurrentHashMap<>();
    private final MultiGauge siteState;
    private final MultiGauge siteAdminState;
    private final MultiGauge nodeState;
    private final MultiGauge heartbeatAge;
    private final MultiGauge serviceServing;
    private final MultiGauge siteMos;
    private final MultiGauge siteRtt;
    private final MultiGauge siteJitter;
    private final MultiGauge siteLoss;

    SiteMetrics(PolicyEngine engine, LongSupplier clock, MeterRegistry registry) {
        this.engine = engine;
        this.clock = clock;
        siteState = gauge("gslb.site.state", "1 for the site's health state, 0 for the others", registry);
        siteAdminState = gauge("gslb.site.admin.state", "1 for the site's administrative state, 0 for the others",
                registry);
        nodeState = gauge("gslb.node.state", "1 for the node's health state, 0 for the others", registry);
        heartbeatAge = gauge("gslb.node.heartbeat.age.seconds",
                "Seconds since the node's last heartbeat (or since this server watches it, if none came)", registry);
        serviceServing = gauge("gslb.service.sites.serving",
                "Sites of the service's pool that may be answered: not down, not disabled", registry);
        siteMos = gauge("gslb.site.mos",
                "MOS predicted from the site-wide average path with the service's codec; NaN while unmeasured",
                registry);
        siteRtt = gauge("gslb.site.rtt.seconds", "Site-wide average round trip to its clients; NaN while unmeasured",
                registry);
        siteJitter = gauge("gslb.site.jitter.seconds", "Site-wide average jitter; NaN while unmeasured", registry);
        siteLoss = gauge("gslb.site.loss.ratio", "Site-wide average packet loss (0..1); NaN while unmeasured",
                registry);
    }

    private static MultiGauge gauge(String name, String description, MeterRegistry registry) {
        return MultiGauge.builder(name).description(description).register(registry);
    }

    /** Registers the series of {@code inventory}'s sites, nodes and services and drops any others. */
    void follow(Inventory inventory) {
        long now = clock.getAsLong();
        Set<String> nodeIds = inventory.nodes().stream().map(Node::id).collect(Collectors.toSet());
        watchedSince.keySet().retainAll(nodeIds);
        nodeIds.forEach(id -> watchedSince.putIfAbsent(id, now));

        List<MultiGauge.Row<?>> states = new ArrayList<>();
        List<MultiGauge.Row<?>> admin = new ArrayList<>();
        List<MultiGauge.Row<?>> rtt = new ArrayList<>();
        List<MultiGauge.Row<?>> jitter = new ArrayList<>();
        List<MultiGauge.Row<?>> loss = new ArrayList<>();
        for (Site site : inventory.sites()) {
            String id = site.id();
            for (HealthState s : HealthState.values()) {
                states.add(row(Tags.of("site", id, "state", label(s)), () -> health(id) == s ? 1 : 0));
            }
            for (AdminState s : AdminState.values()) {
                admin.add(row(Tags.of("site", id, "state", label(s)), () -> adminState(id) == s ? 1 : 0));
            }
            rtt.add(row(Tags.of("site", id), () -> path(id, p -> p.rttMillis() / 1000)));
            jitter.add(row(Tags.of("site", id), () -> path(id, p -> p.jitterMillis() / 1000)));
            loss.add(row(Tags.of("site", id), () -> path(id, PathEstimate::lossRatio)));
        }
        List<MultiGauge.Row<?>> nodes = new ArrayList<>();
        List<MultiGauge.Row<?>> ages = new ArrayList<>();
        for (Node node : inventory.nodes()) {
            String id = node.id();
            String site = node.siteId();
            for (HealthState s : HealthState.values()) {
                nodes.add(row(Tags.of("site", site, "node", id, "state", label(s)),
                        () -> nodeState(site, id) == s ? 1 : 0));
            }
            ages.add(row(Tags.of("site", site, "node", id), () -> heartbeatAgeSeconds(site, id)));
        }
        List<MultiGauge.Row<?>> serving = new ArrayList<>();
        List<MultiGauge.Row<?>> mos = new ArrayList<>();
        for (Service service : inventory.services()) {
            String name = service.name();
            serving.add(row(Tags.of("service", name), () -> servingSites(name)));
            for (String site : service.pool()) {
                mos.add(row(Tags.of("service", name, "site", site), () -> mos(name, site)));
            }
        }
        siteState.register(states, true);
        siteAdminState.register(admin, true);
        nodeState.register(nodes, true);
        heartbeatAge.register(ages, true);
        serviceServing.register(serving, true);
        siteMos.register(mos, true);
        siteRtt.register(rtt, true);
        siteJitter.register(jitter, true);
        siteLoss.register(loss, true);
    }

    private static MultiGauge.Row<?> row(Tags tags, Supplier<Number> value) {
        return MultiGauge.Row.of(tags, value);
    }

    private static String label(Enum<?> state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private HealthState health(String siteId) {
        SiteHealth h = engine.health().siteAt(siteId, clock.getAsLong());
        return h == null ? null : h.state();
    }

    private AdminState adminState(String siteId) {
        Site site = engine.inventory().siteOrNull(siteId);
        return site == null ? null : site.adminState();
    }

    private NodeStatus node(String siteId, String nodeId) {
        SiteHealth h = engine.health().siteAt(siteId, clock.getAsLong());
        if (h == null) {
            return null;
        }
        for (NodeStatus n : h.nodes()) {
            if (n.node().id().equals(nodeId)) {
                return n;
            }
        }
        return null;
    }

    private HealthState nodeState(String siteId, String nodeId) {
        NodeStatus n = node(siteId, nodeId);
        return n == null ? null : n.stateAt(clock.getAsLong());
    }

    private double heartbeatAgeSeconds(String siteId, String nodeId) {
        long now = clock.getAsLong();
        NodeStatus n = node(siteId, nodeId);
        long last = n == null || n.lastHeartbeatMillis() == Long.MIN_VALUE
                ? watchedSince.getOrDefault(nodeId, now) : n.lastHeartbeatMillis();
        return Math.max(0, now - last) / 1000.0;
    }

    private int servingSites(String serviceName) {
        Service service = engine.inventory().service(serviceName).orElse(null);
        if (service == null) {
            return 0;
        }
        int serving = 0;
        for (String site : service.pool()) {
            HealthState h = health(site);
            if (h != null && h != HealthState.DOWN && adminState(site) != AdminState.DISABLED) {
                serving++;
            }
        }
        return serving;
    }

    private double mos(String serviceName, String siteId) {
        Service service = engine.inventory().service(serviceName).orElse(null);
        PathEstimate p = aggregate(siteId);
        if (service == null || p == null) {
            return Double.NaN;
        }
        return engine.eModel().mos(p.rttMillis(), p.jitterMillis(), p.lossRatio(), service.parameters().codec());
    }

    private double path(String siteId, ToDoubleFunction<PathEstimate> f) {
        PathEstimate p = aggregate(siteId);
        return p == null ? Double.NaN : f.applyAsDouble(p);
    }

    private PathEstimate aggregate(String siteId) {
        return engine.store().siteAggregate(engine.store().siteIndex(siteId), clock.getAsLong());
    }
}
