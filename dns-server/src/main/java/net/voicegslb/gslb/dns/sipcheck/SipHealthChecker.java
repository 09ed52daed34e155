package net.voicegslb.gslb.dns.sipcheck;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;
import net.voicegslb.gslb.common.sip.OptionsClient;
import net.voicegslb.gslb.common.sip.OptionsSettings;
import net.voicegslb.gslb.common.sip.OptionsTarget;
import net.voicegslb.gslb.dns.config.SipCheckConfig;
import net.voicegslb.gslb.dns.config.SipCheckTarget;
import net.voicegslb.gslb.policy.model.SipTransport;

/**
 * Active SIP OPTIONS checks of every node: produces health, decides nothing (the policy's rise and
 * fall do). Each node is checked once per interval on all its targets at once, and the nodes are
 * spread evenly over the interval so a large fleet does not get a burst every second. One result
 * per node and round goes to the {@link SipCheckListener}, on the checker's own single thread.
 *
 * <p>Branch and Call-ID come from {@link SecureRandom}: a response has to echo both, so a spoofed
 * 200 (keeping a dead node in answers) or 503 (draining a live one) needs more than the address.
 */
public final class SipHealthChecker implements AutoCloseable {
    /** Tells a node's operator that these OPTIONS are the GSLB's health checks. */
    static final String USER_AGENT = "voice-gslb-sipcheck";
    private final SipCheckListener listener;
    private final LongSupplier clockMillis;
    private final SipCheckMetrics metrics;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final SecureRandom random = new SecureRandom();
    private final List<NodeChecker> nodes = new ArrayList<>();
    private final List<ScheduledFuture<?>> schedules = new ArrayList<>();
    private SipCheckConfig config;
    private List<SipCheckTarget> targets;
    private boolean started;

    public SipHealthChecker(SipCheckConfig config, List<SipCheckTarget> targets, SipCheckListener listener,
                            LongSupplier clockMillis) {
        this(config, targets, listener, clockMillis, new SimpleMeterRegistry());
    }

    public SipHealthChecker(SipCheckConfig config, List<SipCheckTarget> targets, SipCheckListener listener,
                            LongSupplier clockMillis, MeterRegistry meters) {
        validate(config, targets);
        this.config = config;
        this.targets = List.copyOf(targets);
        this.listener = Objects.requireNonNull(listener);
        this.clockMillis = Objects.requireNonNull(clockMillis);
        this.metrics = new SipCheckMetrics(meters);
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("sip-check", true));
        this.loop = group.next();
    }

    /** Starts the rounds; the first node is checked at once. */
    public void start() {
        loop.execute(() -> {
            started = true;
            schedule();
        });
    }

    /** Replaces configuration and targets; open checks are abandoned and connections reopened. */
    public void reconfigure(SipCheckConfig newConfig, List<SipCheckTarget> newTargets) {
        validate(newConfig, newTargets);
        List<SipCheckTarget> copy = List.copyOf(newTargets);
        loop.execute(() -> {
            stopRounds();
            config = newConfig;
            targets = copy;
            if (started) {
                schedule();
            }
        });
    }

    /** Stops checking and releases the thread and sockets; waits up to a few seconds. */
    @Override
    public void close() {
        if (group.isShuttingDown()) {
            return;
        }
        loop.execute(this::stopRounds);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private void schedule() {
        if (!config.enabled() || targets.isEmpty()) {
            return;
        }
        SslContext tls = targets.stream().anyMatch(t -> t.transport() == SipTransport.TLS) ? tlsContext(config) : null;
        Map<String, List<SipCheckTarget>> byNode = new LinkedHashMap<>();
        for (SipCheckTarget t : targets) {
            byNode.computeIfAbsent(t.nodeId(), k -> new ArrayList<>()).add(t);
        }
        long intervalNanos = config.interval().toNanos();
        // A check that outlives the interval would overlap the next round of the same node.
        Duration timeout = config.timeout().compareTo(config.interval()) > 0 ? config.interval() : config.timeout();
        OptionsClient client = new OptionsClient(loop, new OptionsSettings(config.fromUser(), USER_AGENT, timeout,
                random, System::nanoTime, clockMillis, tls));
        int i = 0;
        for (Map.Entry<String, List<SipCheckTarget>> e : byNode.entrySet()) {
            List<TargetCheck> probes = new ArrayList<>();
            for (SipCheckTarget t : e.getValue()) {
                OptionsTarget where = new OptionsTarget(t.transport(), t.address(), t.hostname());
                probes.add(new TargetCheck(t, client.session(where), config.tlsExpiryWarning(), clockMillis,
                        metrics::certificate));
            }
            NodeChecker node = new NodeChecker(e.getKey(), probes, config.maxDrain(), listener, clockMillis,
                    metrics::record);
            nodes.add(node);
            long offset = intervalNanos * i++ / byNode.size();
            schedules.add(loop.scheduleAtFixedRate(node::runRound, offset, intervalNanos, TimeUnit.NANOSECONDS));
        }
    }

    private void stopRounds() {
        schedules.forEach(s -> s.cancel(false));
        schedules.clear();
        nodes.forEach(NodeChecker::close);
        nodes.clear();
    }

    private static void validate(SipCheckConfig config, List<SipCheckTarget> targets) {
        Objects.requireNonNull(config, "config");
        if (!config.enabled()) {
            return;
        }
        if (config.interval().isZero() || config.interval().isNegative() || config.timeout().isZero()
                || config.timeout().isNegative() || config.maxDrain().isNegative()) {
            throw new IllegalArgumentException("sip_check interval and timeout must be positive, max_drain not negative");
        }
        for (SipCheckTarget t : targets) {
            if (t.transport() != SipTransport.UDP && t.transport() != SipTransport.TCP
                    && t.transport() != SipTransport.TLS) {
                throw new IllegalArgumentException("SIP check of node " + t.nodeId() + " over " + t.transport()
                        + ": only UDP, TCP and TLS are checked");
            }
        }
        if (targets.stream().anyMatch(t -> t.transport() == SipTransport.TLS)) {
            tlsContext(config); // a bad trust file fails the reload, not the first round
        }
    }

    /** The client TLS context: the configured CA file, or the JDK's trust store. */
    static SslContext tlsContext(SipCheckConfig config) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
            if (config.tlsTrustPem() != null) {
                b.trustManager(config.tlsTrustPem().toFile());
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("sip_check.tls.trust_pem " + config.tlsTrustPem() + ": "
                    + e.getMessage(), e);
        }
    }
}
