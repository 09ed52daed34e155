package net.voicegslb.gslb.pbx;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.agent.ProbeAgent;
import net.voicegslb.gslb.agent.config.AgentConfig;
import net.voicegslb.gslb.agent.passive.PassiveMeasurements;
import net.voicegslb.gslb.agent.transport.MetricsEndpoint;
import net.voicegslb.gslb.pbx.config.MediaConfig;
import net.voicegslb.gslb.pbx.config.PbxConfig;
import net.voicegslb.gslb.pbx.keepalive.AgentPassiveObserver;
import net.voicegslb.gslb.pbx.keepalive.LoggingPassiveObserver;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import net.voicegslb.gslb.pbx.proxy.RelayMediaAnchor;
import net.voicegslb.gslb.pbx.store.PbxStore;
import net.voicegslb.gslb.rtp.RelayConfig;
import net.voicegslb.gslb.rtp.control.RtpRelay;

/**
 * A whole PBX node, assembled in one place: the RTP relay that anchors media, the metrics
 * endpoint, the embedded probe agent (optional) and the SIP registrar/proxy, started in the order
 * that lets each feed the next (the agent before the node, so the node's first registration already
 * reaches it) and closed in reverse. {@code gslb pbx} and {@code gslb demo} both run nodes through
 * this class, so a node in the demo is the node an operator runs.
 */
public final class PbxServer implements AutoCloseable {

    private final PbxNode node;
    private final RtpRelay relay;
    private final ProbeAgent agent;
    private final MetricsEndpoint metrics;
    private final PrometheusMeterRegistry registry;

    private PbxServer(PbxNode node, RtpRelay relay, ProbeAgent agent, MetricsEndpoint metrics,
            PrometheusMeterRegistry registry) {
        this.node = node;
        this.relay = relay;
        this.agent = agent;
        this.metrics = metrics;
        this.registry = registry;
    }

    /** Starts a node on {@code config} and {@code store}, with its agent on {@code agentConfig} when not null. */
    public static PbxServer start(PbxConfig config, AgentConfig agentConfig, PbxStore store) throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RtpRelay relay = null;
        ProbeAgent agent = null;
        MetricsEndpoint metrics = null;
        try {
            MediaAnchor media = MediaAnchor.NONE;
            // The relay's per-stream statistics go to the agent once it runs (it starts next).
            AtomicReference<PassiveMeasurements> passive = new AtomicReference<>();
            if (config.media().enabled()) {
                relay = new RtpRelay(relayConfig(config.media()), registry, s -> {
                    PassiveMeasurements p = passive.get();
                    if (p != null) {
                        p.rtpStream(s.remote(), s.interval().expected(), s.interval().lost(), s.jitterMillis(),
                                s.rttMillis());
                    }
                });
                media = new RelayMediaAnchor(relay);
            }
            if (config.metricsListen() != null) {
                metrics = MetricsEndpoint.start(config.metricsListen(), registry);
            }
            PassiveObserver observer = new LoggingPassiveObserver();
            EmbeddedNodeLoad load = new EmbeddedNodeLoad(relay);
            if (agentConfig != null) {
                agent = new ProbeAgent(agentConfig, load, AgentClock.system(), registry).start();
                passive.set(agent.passive());
                observer = new AgentPassiveObserver(agent.passive());
            }
            PbxNode node = PbxNode.start(config, store, media, observer, registry);
            load.started(node);
            return new PbxServer(node, relay, agent, metrics, registry);
        } catch (Exception | Error e) {
            closeQuietly(agent);
            closeQuietly(relay);
            closeQuietly(metrics);
            throw e;
        }
    }

    private static RelayConfig relayConfig(MediaConfig m) throws UnknownHostException {
        InetAddress bind = InetAddress.getByName(m.listen());
        return RelayConfig.defaults(bind)
                .withAdvertisedAddress(m.advertise() == null ? bind : InetAddress.getByName(m.advertise()))
                .withPorts(m.portMin(), m.portMax())
                .withMaxSessions(m.maxSessions())
                .withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    public PbxNode node() {
        return node;
    }

    /** The embedded agent, or null when the node runs without one. */
    public ProbeAgent agent() {
        return agent;
    }

    /** The RTP relay, or null when media is not anchored. */
    public RtpRelay relay() {
        return relay;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The metrics endpoint's address, or null when it is off. */
    public InetSocketAddress metricsAddress() {
        return metrics == null ? null : metrics.address();
    }

    /** Re-reads the config's tenants and users; a broken file is refused and the old one serves on. */
    public PbxNode.ReloadResult reload() {
        return node.reload();
    }

    public List<InetSocketAddress> sipAddresses() {
        return node.sipAddresses();
    }

    @Override
    public void close() {
        closeQuietly(agent);
        node.close();
        closeQuietly(relay);
        closeQuietly(metrics);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // closing the rest matters more than a second failure
        }
    }
}
