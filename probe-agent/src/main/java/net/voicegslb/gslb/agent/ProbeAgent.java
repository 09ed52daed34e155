package net.voicegslb.gslb.agent;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.agent.config.AgentConfig;
import net.voicegslb.gslb.policy.config.SecretFile;
import net.voicegslb.gslb.agent.health.CpuLoad;
import net.voicegslb.gslb.agent.health.HeartbeatFactory;
import net.voicegslb.gslb.agent.health.NodeLoad;
import net.voicegslb.gslb.agent.health.ThirdPartyPbxLoad;
import net.voicegslb.gslb.agent.passive.MeasurementAggregator;
import net.voicegslb.gslb.agent.passive.PassiveMeasurements;
import net.voicegslb.gslb.agent.probe.DnsProber;
import net.voicegslb.gslb.agent.probe.PathWindow;
import net.voicegslb.gslb.agent.probe.ProbeScheduler;
import net.voicegslb.gslb.agent.probe.ReachableTargets;
import net.voicegslb.gslb.agent.probe.SipOptionsProber;
import net.voicegslb.gslb.agent.probe.StampReflector;
import net.voicegslb.gslb.agent.probe.StampSender;
import net.voicegslb.gslb.agent.probe.StunDiscovery;
import net.voicegslb.gslb.agent.telemetry.NsDiscovery;
import net.voicegslb.gslb.agent.telemetry.SnapshotSource;
import net.voicegslb.gslb.agent.telemetry.TelemetryClient;
import net.voicegslb.gslb.agent.telemetry.TelemetryEndpoint;
import net.voicegslb.gslb.agent.telemetry.TelemetrySettings;
import net.voicegslb.gslb.agent.telemetry.TlsOptions;
import net.voicegslb.gslb.common.transport.EventLoops;
import net.voicegslb.gslb.common.sip.OptionsTarget;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.model.SipEndpoint;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;
import net.voicegslb.gslb.policy.telemetry.ProbeTarget;
import net.voicegslb.gslb.policy.telemetry.ProbeTargetList;
import net.voicegslb.gslb.policy.telemetry.WireProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent, wired explicitly: probes and passive inputs feed one aggregator; a heartbeat timer and
 * a report timer publish to every DNS node; DNS nodes' probe-target lists replace the dynamic part
 * of the probe schedule. Standalone ({@code gslb agent}) it checks a third-party PBX; embedded,
 * pbx-core passes its own {@link NodeLoad} and feeds {@link #passive()}.
 *
 * <p>Threads: one Netty event loop for UDP probes and every timer (so the scheduler and target
 * list need no locks), Vert.x event loops for the telemetry links.
 */
public final class ProbeAgent implements SnapshotSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeAgent.class);
    /** Per snapshot frame: 10,000 × ~39 B stays well inside the 1 MiB frame limit. */
    static final int SNAPSHOT_CHUNK = 10_000;
    static final int STAMP_DEFAULT_PORT = 862;

    private final AgentConfig config;
    private final AgentClock clock;
    private final EventLoops loops;
    private final EventLoop loop;
    private final Vertx vertx;
    private final StampReflector reflector;
    private final StampSender stamp;
    private final SipOptionsProber sip;
    private final DnsProber dns;
    private final MeasurementAggregator aggregator;
    private final PassiveMeasurements passive;
    private final HeartbeatFactory heartbeats;
    private final ThirdPartyPbxLoad thirdParty;
    private final ProbeScheduler<ProbeTask> scheduler;
    private final TelemetryClient telemetry;
    private final List<ProbeTask> staticTasks;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private final ReachableTargets reachable = new ReachableTargets();
    private volatile List<ProbeTask> stampTasks = List.of();
    private volatile NodeHeartbeat latestHeartbeat;
    private volatile InetAddress publicAddress;

    /**
     * @param node the embedding PBX's own state, or null for standalone mode (then
     *             {@code pbx.sip_options} must be configured)
     */
    public ProbeAgent(AgentConfig config, NodeLoad node, AgentClock clock, MeterRegistry meters) {
        this.config = config;
        this.clock = clock;
        InetSocketAddress anyLocal = new InetSocketAddress(0);
        this.loops = EventLoops.create("agent-io", 1, true);
        this.loop = loops.group().next();
        this.aggregator = new MeasurementAggregator(200_000, 30 * 60_000L, clock, meters);
        this.passive = new PassiveMeasurements(aggregator, 200_000);
        this.reflector = config.stampReflector() == null ? null
                : new StampReflector(loops, config.stampReflector(), config.reflectorLimits(), clock, meters);
        this.stamp = new StampSender(loops, anyLocal, clock, config.stampLossTimeout().toMillis(), meters);
        AgentConfig.ThirdPartyCheck pbxCheck = config.thirdPartyCheck();
        this.sip = new SipOptionsProber(loops, anyLocal, clock, 2_000, new SecureRandom(),
                config.thirdPartyPbx() != null && pbxCheck.transport() == SipTransport.TLS
                        ? sipTls(pbxCheck.trustPem()) : null);
        this.dns = new DnsProber(loops, anyLocal, clock, config.dnsQueryName(), 6 /* SOA */, 2_000);
        io.micrometer.core.instrument.FunctionCounter.builder("gslb.agent.probe.ignored", sip,
                        SipOptionsProber::ignoredResponses).tag("probe", "sip_options")
                .description("final responses not from the address probed or for no probe in flight").register(meters);
        io.micrometer.core.instrument.FunctionCounter.builder("gslb.agent.probe.ignored", dns,
                        DnsProber::ignoredAnswers).tag("probe", "dns")
                .description("DNS answers not from the resolver asked or for no query in flight").register(meters);
        io.micrometer.core.instrument.FunctionCounter.builder("gslb.agent.probe.unmeasurable", reachable,
                ReachableTargets::unmeasurable)
                .description("probes unanswered by a target that never answered: not counted as loss").register(meters);
        if (node == null) {
            if (config.thirdPartyPbx() == null) {
                throw new IllegalArgumentException("standalone agent needs pbx.sip_options to check its PBX");
            }
            this.thirdParty = new ThirdPartyPbxLoad(sip, new OptionsTarget(pbxCheck.transport(), config.thirdPartyPbx(),
                    pbxCheck.serverName()), config.rise(), config.fall(), pbxCheck.maxDrain(), clock::epochMillis);
            io.micrometer.core.instrument.FunctionCounter.builder("gslb.agent.pbx.drains", thirdParty,
                            ThirdPartyPbxLoad::drains).tag("capped", "false")
                    .description("503 Retry-After drains of the checked PBX, honoured as asked").register(meters);
            io.micrometer.core.instrument.FunctionCounter.builder("gslb.agent.pbx.drains", thirdParty,
                            ThirdPartyPbxLoad::cappedDrains).tag("capped", "true")
                    .description("503 Retry-After drains cut to pbx.max_drain").register(meters);
            node = thirdParty;
        } else {
            this.thirdParty = null;
        }
        this.heartbeats = new HeartbeatFactory(config.nodeId(), node,
                config.cpuLoad() ? new CpuLoad() : () -> 0.0, config.capacityCalls(), 0.9, 100);
        this.scheduler = new ProbeScheduler<>(config.maxProbeRate(), (int) Math.max(1, config.maxProbeRate() / 10),
                config.perTargetInterval().toNanos(), 0.1, 1_000, new Random(), this::probe, clock.nanos());
        this.staticTasks = staticTasks(config);
        this.publicAddress = config.publicAddress();
        this.vertx = Vertx.vertx();
        List<TelemetryEndpoint> endpoints = new ArrayList<>(config.dnsNodes().stream()
                .map(n -> new TelemetryEndpoint(n.url(), n.tokenFile() == null ? null : () -> readToken(n.tokenFile())))
                .toList());
        endpoints.addAll(discovered(config.discover(), meters));
        if (endpoints.isEmpty()) {
            throw new IllegalStateException("no DNS node to report to (none configured, none discovered)");
        }
        TelemetrySettings settings = new TelemetrySettings(config.heartbeatQueue(), config.batchQueue(), 256 * 1024,
                config.backoffBase().toMillis(), config.backoffCap().toMillis(), 10_000, 5_000);
        this.telemetry = new TelemetryClient(vertx, endpoints, config.nodeId(), this,
                (dnsId, list) -> loop.execute(() -> onTargets(dnsId, list)), clock, settings, new Random(),
                TlsOptions.from(config.tls()), meters);
    }

    /**
     * DNS nodes from the zone's NS records; a failed lookup is logged and yields none. Only names
     * under the configured suffix are kept (the others are logged and counted in
     * {@code gslb.agent.telemetry.discover.refused}), and each is trusted only through the
     * discovery's own CA: the NS answer itself proves nothing.
     */
    private static List<TelemetryEndpoint> discovered(AgentConfig.NsDiscoveryConfig d, MeterRegistry meters) {
        if (d == null) {
            return List.of();
        }
        var refused = io.micrometer.core.instrument.Counter.builder("gslb.agent.telemetry.discover.refused")
                .tag("reason", "name").description("NS names not under telemetry.discover.name_suffix, not used")
                .register(meters);
        try {
            List<TelemetryEndpoint> out = new ArrayList<>();
            for (String ns : NsDiscovery.nameServers(d.zone(), d.resolver())) {
                if (!NsDiscovery.acceptable(ns, d.nameSuffix())) {
                    refused.increment();
                    LOG.warn("NS record of {} names '{}', not under {}: not used as a DNS node", d.zone(),
                            ns.replaceAll("[^\\x21-\\x7e]", "?"), d.nameSuffix());
                    continue;
                }
                java.net.URI uri = java.net.URI.create(d.scheme() + "://" + ns + ":" + d.port() + d.path());
                out.add(new TelemetryEndpoint(uri, d.tokenFile() == null ? null : () -> readToken(d.tokenFile()),
                        d.trustPem()));
            }
            LOG.info("DNS nodes of {} from its NS records: {}", d.zone(), out.stream().map(e -> e.uri().getHost()).toList());
            return out;
        } catch (javax.naming.NamingException e) {
            LOG.warn("NS lookup of {} failed: {}", d.zone(), e.getMessage());
            return List.of();
        }
    }

    private static List<ProbeTask> staticTasks(AgentConfig c) {
        List<ProbeTask> tasks = new ArrayList<>();
        c.stampTargets().forEach(a -> tasks.add(task(MeasurementSource.STAMP, a)));
        c.sipOptionsTargets().forEach(a -> tasks.add(task(MeasurementSource.SIP_OPTIONS, a)));
        c.dnsTargets().forEach(a -> tasks.add(task(MeasurementSource.DNS_PROBE, a)));
        return tasks;
    }

    private static ProbeTask task(MeasurementSource m, InetSocketAddress a) {
        return new ProbeTask(m, a, ClientPrefix.host(a.getAddress()).truncate(a.getAddress().getAddress().length == 4 ? 24 : 48));
    }

    /** The client context of a TLS PBX check: the configured CA file, or the JDK's trust store. */
    private static SslContext sipTls(java.nio.file.Path trustPem) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
            if (trustPem != null) {
                b.trustManager(trustPem.toFile());
            }
            return b.build();
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("pbx.trust_pem " + trustPem + ": " + e.getMessage(), e);
        }
    }

    /** Read at every connect, so a token left readable to others after start is refused then too. */
    private static String readToken(java.nio.file.Path file) {
        return SecretFile.readUnchecked(file);
    }

    public ProbeAgent start() {
        if (config.stunServer() != null) {
            discoverPublicAddress(); // before telemetry starts, so the first hello carries it
        }
        loop.execute(() -> setTasks(List.of()));
        timers.add(loop.scheduleAtFixedRate(this::heartbeat, 0, config.heartbeatInterval().toMillis(),
                TimeUnit.MILLISECONDS));
        timers.add(loop.scheduleAtFixedRate(this::report, config.reportInterval().toMillis(),
                config.reportInterval().toMillis(), TimeUnit.MILLISECONDS));
        timers.add(loop.scheduleAtFixedRate(() -> scheduler.tick(clock.nanos()), 10, 10, TimeUnit.MILLISECONDS));
        telemetry.start();
        LOG.info("agent {} of site {} reporting to {} DNS node(s)", config.nodeId(), config.siteId(),
                config.dnsNodes().size());
        return this;
    }

    private void discoverPublicAddress() {
        try {
            InetSocketAddress mapped = new StunDiscovery().discover(config.stunServer(), 3, 500);
            if (mapped != null) {
                publicAddress = mapped.getAddress();
                LOG.info("public address {} (STUN {})", publicAddress.getHostAddress(), config.stunServer());
            } else {
                LOG.warn("STUN server {} did not answer; advertising no public address", config.stunServer());
            }
        } catch (IOException e) {
            LOG.warn("STUN discovery failed: {}", e.getMessage());
        }
    }

    public InetAddress publicAddress() {
        return publicAddress;
    }

    /** Where pbx-core and rtp-engine feed real-traffic measurements. */
    public PassiveMeasurements passive() {
        return passive;
    }

    public TelemetryClient telemetry() {
        return telemetry;
    }

    public InetSocketAddress reflectorAddress() {
        return reflector == null ? null : reflector.localAddress();
    }

    /** Heartbeats say SHUTTING_DOWN from now on, so DNS drains this node before it stops. */
    public void drain() {
        heartbeats.shuttingDown();
    }

    private void onTargets(String dnsId, ProbeTargetList list) {
        List<ProbeTask> dynamic = new ArrayList<>();
        // Busiest prefixes first: the scheduler's cursor then reaches them first after each update.
        list.targets().stream().sorted((a, b) -> Double.compare(b.weight(), a.weight())).forEach(t -> {
            ProbeTask task = dynamicTask(t);
            if (task != null) {
                dynamic.add(task);
            }
        });
        LOG.info("probe targets from {}: {} (generation {})", dnsId, dynamic.size(), list.generation());
        setTasks(dynamic);
    }

    private static ProbeTask dynamicTask(ProbeTarget t) {
        int port = switch (t.method()) {
            case DNS_PROBE -> 53;
            case STAMP -> STAMP_DEFAULT_PORT;
            case SIP_OPTIONS -> 5060;
            default -> -1; // passive kinds cannot be probed
        };
        return port < 0 ? null : new ProbeTask(t.method(), new InetSocketAddress(t.address(), port), t.prefix());
    }

    private void setTasks(List<ProbeTask> dynamic) {
        List<ProbeTask> all = new ArrayList<>(staticTasks);
        all.addAll(dynamic);
        scheduler.setTargets(all, clock.nanos());
        reachable.retain(all.stream().map(ProbeTask::address).toList());
        stampTasks = all.stream().filter(t -> t.method() == MeasurementSource.STAMP).toList();
    }

    private void probe(ProbeTask t) {
        switch (t.method()) {
            case STAMP -> stamp.send(t.address());
            case DNS_PROBE -> dns.probe(t.address()).thenAccept(r ->
                    measured(t, MeasurementSource.DNS_PROBE, r.answered(), r.rttMillis()));
            case SIP_OPTIONS -> sip.probe(t.address()).thenAccept(r ->
                    measured(t, MeasurementSource.SIP_OPTIONS, r.answered(), r.rttMillis()));
            default -> { }
        }
    }

    /** A probe's outcome; silence counts as loss only from a target that has answered before. */
    private void measured(ProbeTask t, MeasurementSource source, boolean answered, double rttMillis) {
        switch (reachable.record(t.address(), answered)) {
            case ANSWERED -> {
                aggregator.packets(t.prefix(), source, 1, 0);
                aggregator.rtt(t.prefix(), source, rttMillis);
            }
            case LOST -> aggregator.packets(t.prefix(), source, 1, 1);
            case NOT_A_MEASUREMENT -> { }
        }
    }

    private void heartbeat() {
        try {
            if (thirdParty != null) {
                thirdParty.check();
            }
            NodeHeartbeat hb = heartbeats.next();
            latestHeartbeat = hb;
            telemetry.publish(hb);
        } catch (RuntimeException e) {
            LOG.warn("heartbeat failed", e); // a timer that throws is cancelled: never let it
        }
    }

    private void report() {
        try {
            for (ProbeTask t : stampTasks) {
                PathWindow w = stamp.takeWindow(t.address());
                if (w != null && w.settled() > 0) {
                    aggregator.window(t.prefix(), MeasurementSource.STAMP, w.rttMeanMillis(), w.rttSamples(),
                            w.jitterMillis(), w.settled(), w.lost());
                }
            }
            List<PrefixMeasurement> delta = aggregator.takeDelta();
            for (int i = 0; i < delta.size(); i += SNAPSHOT_CHUNK) {
                telemetry.publish(new MeasurementBatch(WireProtocol.VERSION, config.nodeId(), config.siteId(),
                        clock.epochMillis(), delta.subList(i, Math.min(delta.size(), i + SNAPSHOT_CHUNK)), false));
            }
        } catch (RuntimeException e) {
            LOG.warn("report failed", e);
        }
    }

    @Override
    public NodeHello hello() {
        InetAddress pub = publicAddress;
        List<InetAddress> addresses = pub == null ? List.of() : List.of(pub);
        List<SipEndpoint> sipEndpoints = config.thirdPartyPbx() == null ? List.of()
                : List.of(new SipEndpoint(config.thirdPartyCheck().transport(), config.thirdPartyPbx().getPort()));
        return new NodeHello(WireProtocol.VERSION, config.nodeId(), config.siteId(), config.hostname(), addresses,
                sipEndpoints, config.capacityCalls(), AgentVersion.VERSION, config.heartbeatInterval().toMillis());
    }

    @Override
    public NodeHeartbeat latestHeartbeat() {
        return latestHeartbeat;
    }

    @Override
    public List<MeasurementBatch> snapshot() {
        List<PrefixMeasurement> all = aggregator.snapshot();
        List<MeasurementBatch> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += SNAPSHOT_CHUNK) {
            out.add(new MeasurementBatch(WireProtocol.VERSION, config.nodeId(), config.siteId(), clock.epochMillis(),
                    all.subList(i, Math.min(all.size(), i + SNAPSHOT_CHUNK)), true));
        }
        return out;
    }

    @Override
    public void close() {
        timers.forEach(t -> t.cancel(false));
        telemetry.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
                .join();
        if (reflector != null) {
            reflector.close();
        }
        stamp.close();
        sip.close();
        dns.close();
        loops.close();
    }
}
