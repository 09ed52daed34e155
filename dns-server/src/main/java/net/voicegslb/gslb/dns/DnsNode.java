package net.voicegslb.gslb.dns;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Collectors;
import net.voicegslb.gslb.dns.admin.AdminApi;
import net.voicegslb.gslb.dns.admin.AdminServer;
import net.voicegslb.gslb.dns.admin.AdminToken;
import net.voicegslb.gslb.dns.admin.ReloadResult;
import net.voicegslb.gslb.dns.dashboard.DashboardUsers;
import net.voicegslb.gslb.dns.dashboard.SessionStore;
import net.voicegslb.gslb.dns.answer.AnswerCompiler;
import net.voicegslb.gslb.dns.answer.AnswerSnapshot;
import net.voicegslb.gslb.dns.answer.DynamicName;
import net.voicegslb.gslb.dns.gslb.GslbNode;
import net.voicegslb.gslb.dns.gslb.GslbService;
import java.util.Map;
import net.voicegslb.gslb.dns.answer.DnsResponder;
import net.voicegslb.gslb.dns.codec.ResponseWriter;
import net.voicegslb.gslb.policy.config.ConfigException;
import net.voicegslb.gslb.dns.config.ConfigLoader;
import net.voicegslb.gslb.dns.config.DnsConfig;
import net.voicegslb.gslb.dns.metrics.QueryMetrics;
import net.voicegslb.gslb.dns.transport.DnsTransport;
import net.voicegslb.gslb.dns.transport.TransportSettings;
import net.voicegslb.gslb.dns.zone.ZoneData;
import net.voicegslb.gslb.dns.zone.ZoneSet;
import net.voicegslb.gslb.dns.zone.ZoneSetLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running DNS server: zones loaded and compiled, listeners open, admin endpoint up. Built by
 * {@code gslb dns}; everything it uses is created here and handed down, nothing is global.
 *
 * <p>Metrics besides the query metrics: {@code dns_zone_serial{zone}}, {@code dns_zone_records{zone}},
 * {@code dns_reloads_total{result}}, and the JVM's own.
 */
public final class DnsNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DnsNode.class);

    private final DnsConfig config;
    /** The settings a reload applied last; those that need a restart are compared against it. */
    private DnsConfig applied;
    private final PrometheusMeterRegistry registry;
    private final DnsResponder responder;
    private final DnsTransport transport;
    private final AdminServer admin;
    private final java.util.concurrent.atomic.AtomicReference<DashboardUsers> dashboardUsers =
            new java.util.concurrent.atomic.AtomicReference<>(DashboardUsers.none());
    private final AnswerCompiler compiler = new AnswerCompiler();
    private final GslbNode gslb;
    private final ZoneSetLoader zoneLoader = new ZoneSetLoader();
    private final MultiGauge zoneSerials;
    private final MultiGauge zoneRecords;
    private final Counter reloadsOk;
    private final Counter reloadsFailed;

    private DnsNode(DnsConfig config, PrometheusMeterRegistry registry, ZoneSet zones, boolean allowNative)
            throws Exception {
        this.config = config;
        this.applied = asWritten(config);
        this.registry = registry;
        this.zoneSerials = MultiGauge.builder("dns.zone.serial").description("SOA serial of each served zone")
                .register(registry);
        this.zoneRecords = MultiGauge.builder("dns.zone.records").description("Records in each served zone")
                .register(registry);
        this.reloadsOk = Counter.builder("dns.reloads").tag("result", "ok").register(registry);
        this.reloadsFailed = Counter.builder("dns.reloads").tag("result", "failed").register(registry);
        this.gslb = config.hasGslb() ? GslbNode.create(config.gslb(), registry) : null;
        AnswerSnapshot snapshot;
        DnsResponder.DynamicAnswers dynamic = null;
        if (gslb != null) {
            GslbService.Layer layer = gslb.prepare(config.gslb(), zones);
            snapshot = compile(compiler, layer.zones(), config.missCacheSize(), layer.names().byName());
            gslb.activate(layer);
            dynamic = layer.queryPath();
        } else {
            snapshot = compile(compiler, zones, config.missCacheSize(), Map.of());
        }
        publishZones(snapshot.zones());
        this.responder = new DnsResponder(snapshot, new ResponseWriter(config.udpMaxPayload()),
                new QueryMetrics(registry));
        responder.replace(snapshot, new ResponseWriter(config.udpMaxPayload()), dynamic);
        TransportSettings settings = new TransportSettings(config.listen(), config.effectiveThreads(),
                config.tcpIdleTimeout(), config.tcpMaxConnections(), allowNative);
        this.transport = DnsTransport.start(settings, responder, registry);
        AdminServer started = null;
        try {
            if (config.admin().listen() != null) {
                byte[] token = AdminToken.loadOrCreate(config.admin().tokenFile());
                LOG.info("admin token in {}", config.admin().tokenFile());
                AdminApi api = AdminApi.none();
                if (gslb != null) {
                    api = api.withExplain(gslb.explainer()).withEvents(gslb.events()).withStatus(gslb::status)
                            .withSites(gslb.siteActions()).withData(gslb.dashboardData());
                }
                dashboardUsers.set(DashboardUsers.of(config.admin().users()));
                started = AdminServer.start(config.admin(), token, registry, this::reload, this::health, api,
                        dashboardUsers::get, new SessionStore());
            }
            if (gslb != null) {
                gslb.start();
            }
        } catch (Exception e) {
            if (started != null) {
                started.close();
            }
            transport.close();
            if (gslb != null) {
                gslb.close();
            }
            throw e;
        }
        this.admin = started;
    }

    /** Loads the zones of {@code config} and starts serving them. */
    public static DnsNode start(DnsConfig config) throws Exception {
        return start(config, true);
    }

    public static DnsNode start(DnsConfig config, boolean allowNative) throws Exception {
        ZoneSet zones = new ZoneSetLoader().load(config.zones());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return new DnsNode(config, registry, zones, allowNative);
    }

    /** The file's own settings, without command-line overrides: what a later reload compares with. */
    private static DnsConfig asWritten(DnsConfig running) {
        try {
            return new ConfigLoader().load(running.file());
        } catch (ConfigException e) {
            return running;
        }
    }

    private static AnswerSnapshot compile(AnswerCompiler compiler, ZoneSet zones, int missCache,
            Map<org.xbill.DNS.Name, DynamicName> dynamic) {
        long t0 = System.nanoTime();
        AnswerSnapshot s = new AnswerSnapshot(zones, compiler, missCache, dynamic);
        for (ZoneData z : zones.zones()) {
            LOG.info("zone {} serial {} from {}: {} records", z.origin(), z.serial(), z.source(), z.recordCount());
        }
        LOG.info("{} answers prepared in {} ms", s.preparedCount(), (System.nanoTime() - t0) / 1_000_000);
        return s;
    }

    /**
     * Re-reads the configuration and every zone file and swaps the new answers in whole, with the
     * new UDP payload limit and answer cache size. On any error the server keeps answering from
     * what it had; the error names the file and line. Settings that only a restart can change
     * (sockets, threads, TCP limits, admin) are named in the result and the log.
     */
    public synchronized ReloadResult reload() {
        try {
            DnsConfig next = new ConfigLoader().load(config.file());
            ZoneSet zones = zoneLoader.load(next.zones());
            if (next.hasGslb() != (gslb != null)) {
                throw new ConfigException(List.of(new net.voicegslb.gslb.policy.config.ConfigProblem(next.file(), 0,
                        "gslb", "adding or removing the gslb section needs a restart")));
            }
            if (gslb != null) {
                GslbService.Layer layer = gslb.prepare(next.gslb(), zones);
                AnswerSnapshot snapshot = compile(compiler, layer.zones(), next.missCacheSize(), layer.names().byName());
                gslb.activate(layer);
                responder.replace(snapshot, new ResponseWriter(next.udpMaxPayload()), layer.queryPath());
                zones = layer.zones();
            } else {
                responder.replace(compile(compiler, zones, next.missCacheSize(), Map.of()),
                        new ResponseWriter(next.udpMaxPayload()));
            }
            publishZones(zones);
            if (!next.admin().users().equals(applied.admin().users())) {
                DashboardUsers users = DashboardUsers.of(next.admin().users());
                dashboardUsers.set(users);
                if (admin != null) {
                    admin.usersChanged(users);
                }
                LOG.info("dashboard users now: {}", users.all());
            }
            reloadsOk.increment();
            List<String> pending = RestartSettings.changed(applied, next);
            applied = next;
            String msg = "reloaded " + zones.zones().stream().map(z -> z.origin() + " serial " + z.serial())
                    .collect(Collectors.joining(", "))
                    + (pending.isEmpty() ? "" : "; changed settings that need a restart: " + String.join(", ", pending));
            LOG.info(msg);
            return new ReloadResult(true, msg);
        } catch (ConfigException | ZoneSetLoader.ZoneSetException e) {
            reloadsFailed.increment();
            LOG.error("reload failed, still serving the previous zones:\n{}", e.getMessage());
            return new ReloadResult(false, "reload failed, still serving the previous zones:\n" + e.getMessage());
        } catch (RuntimeException e) {
            reloadsFailed.increment();
            LOG.error("reload failed, still serving the previous zones", e);
            return new ReloadResult(false, "reload failed, still serving the previous zones: " + e);
        }
    }

    private void publishZones(ZoneSet zones) {
        zoneSerials.register(zones.zones().stream()
                .map(z -> MultiGauge.Row.of(Tags.of("zone", z.origin().toString()), z.serial())).toList(), true);
        zoneRecords.register(zones.zones().stream()
                .map(z -> MultiGauge.Row.of(Tags.of("zone", z.origin().toString()), z.recordCount())).toList(), true);
    }

    private String health() {
        return "ok\n" + responder.snapshot().zones().zones().stream()
                .map(z -> "zone " + z.origin() + " serial " + z.serial() + "\n").collect(Collectors.joining());
    }

    public List<InetSocketAddress> dnsAddresses() {
        return transport.boundAddresses();
    }

    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The GSLB side, or null when the config has no gslb section. */
    public GslbNode gslb() {
        return gslb;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
        transport.close();
        if (gslb != null) {
            gslb.close();
        }
    }
}
