package net.voicegslb.gslb.deploy.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.voicegslb.gslb.agent.config.AgentConfigLoader;
import net.voicegslb.gslb.common.lab.Impairment;
import net.voicegslb.gslb.common.lab.ImpairmentRelay;
import net.voicegslb.gslb.deploy.demo.DemoFiles.Account;
import net.voicegslb.gslb.deploy.demo.DemoFiles.Listeners;
import net.voicegslb.gslb.deploy.demo.DemoPlan.Network;
import net.voicegslb.gslb.deploy.demo.DemoPlan.Node;
import net.voicegslb.gslb.deploy.demo.DemoPlan.PathQuality;
import net.voicegslb.gslb.deploy.demo.DemoPlan.Site;
import net.voicegslb.gslb.dns.DnsNode;
import net.voicegslb.gslb.dns.config.ConfigLoader;
import net.voicegslb.gslb.pbx.PbxServer;
import net.voicegslb.gslb.pbx.config.PbxConfigLoader;
import net.voicegslb.gslb.pbx.store.PbxStore;
import net.voicegslb.gslb.policy.config.ListenAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running demo: the DNS node, the PBX nodes of every site (each a {@link PbxServer}, the node
 * an operator runs), per client network and site an impairment relay that carries the site's active
 * probes over that path, and the phones. Everything runs in this process on loopback; the faults
 * (impair, kill, restore) are methods, called by the control channel and the tour.
 */
public final class DemoLab implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoLab.class);
    private static final int RELAY_QUEUE = 10_000;

    private final DemoFiles files;
    private final Listeners listeners;
    private final PathTable paths;
    private final Map<String, PbxStore> stores = new LinkedHashMap<>();
    private final Map<String, PbxServer> nodes = new LinkedHashMap<>();
    private final Map<String, ImpairmentRelay> probeRelays = new LinkedHashMap<>();
    private final List<Account> accounts;
    private DnsNode dns;
    private DemoPhones phones;

    private DemoLab(DemoFiles files, Listeners listeners, List<Account> accounts) {
        this.files = files;
        this.listeners = listeners;
        this.accounts = accounts;
        this.paths = new PathTable(this::applyPath);
    }

    /** The first of the demo's listeners whose port is taken ("127.0.0.1:5353/udp (DNS)"), or null. */
    public static String firstTakenPort(Listeners l) {
        PortCheck.Listener taken = PortCheck.firstTaken(listenersOf(l));
        return taken == null ? null : taken.describe();
    }

    /** Every listener the demo opens, for the check before anything starts. */
    static List<PortCheck.Listener> listenersOf(Listeners l) {
        List<PortCheck.Listener> out = new ArrayList<>();
        out.add(new PortCheck.Listener("DNS", l.dns(), PortCheck.Protocol.UDP));
        out.add(new PortCheck.Listener("DNS", l.dns(), PortCheck.Protocol.TCP));
        out.add(new PortCheck.Listener("admin API", l.admin(), PortCheck.Protocol.TCP));
        out.add(new PortCheck.Listener("telemetry", l.telemetry(), PortCheck.Protocol.TCP));
        out.add(new PortCheck.Listener("demo control", l.control(), PortCheck.Protocol.TCP));
        for (Node n : DemoPlan.NODES) {
            out.add(new PortCheck.Listener(n.id() + " SIP", new InetSocketAddress(n.address(), DemoPlan.SIP_PORT),
                    PortCheck.Protocol.UDP));
            out.add(new PortCheck.Listener(n.id() + " SIP", new InetSocketAddress(n.address(), DemoPlan.SIP_PORT),
                    PortCheck.Protocol.TCP));
            out.add(new PortCheck.Listener(n.id() + " STAMP reflector",
                    new InetSocketAddress(n.address(), DemoPlan.REFLECTOR_PORT), PortCheck.Protocol.UDP));
            out.add(new PortCheck.Listener(n.id() + " metrics",
                    new InetSocketAddress(n.address(), DemoPlan.METRICS_PORT), PortCheck.Protocol.TCP));
        }
        for (Network net : DemoPlan.NETWORKS) {
            for (int i = 0; i < DemoPlan.SITES.size(); i++) {
                out.add(new PortCheck.Listener(net.name() + " path to " + DemoPlan.SITES.get(i).id(),
                        new InetSocketAddress(net.probeAddress(i), DemoPlan.REFLECTOR_PORT), PortCheck.Protocol.UDP));
            }
        }
        return out;
    }

    /**
     * Starts everything; on a failure half-way, stops what had started and rethrows.
     *
     * @param progress one line per part as it comes up
     */
    public static DemoLab start(DemoFiles files, Listeners listeners, int phonesPerNetwork, int callsPerNetwork,
            PrintStream progress) throws Exception {
        List<Account> accounts = files.prepare(listeners, phonesPerNetwork);
        DemoLab lab = new DemoLab(files, listeners, accounts);
        try {
            lab.startAll(callsPerNetwork, progress);
            return lab;
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    private void startAll(int callsPerNetwork, PrintStream progress) throws Exception {
        long seed = 1;
        for (Network net : DemoPlan.NETWORKS) {
            for (int i = 0; i < DemoPlan.SITES.size(); i++) {
                Site site = DemoPlan.SITES.get(i);
                Node reflectorNode = DemoPlan.nodesOf(site.id()).get(0);
                Impairment half = impairment(paths.quality(net.name(), site.id()));
                ImpairmentRelay relay = new ImpairmentRelay(
                        new InetSocketAddress(net.probeAddress(i), DemoPlan.REFLECTOR_PORT),
                        new InetSocketAddress(reflectorNode.address(), DemoPlan.REFLECTOR_PORT), half, half, seed++,
                        RELAY_QUEUE);
                probeRelays.put(key(net.name(), site.id()), relay);
            }
        }
        progress.println("  paths     " + probeRelays.size() + " impairment relays between "
                + DemoPlan.NETWORKS.size() + " client networks and " + DemoPlan.SITES.size() + " sites");
        dns = DnsNode.start(new ConfigLoader().load(files.dnsConfig()));
        progress.println("  dns       " + DemoPlan.DOMAIN + " on " + ListenAddress.format(listeners.dns())
                + " udp+tcp, admin API http://" + ListenAddress.format(listeners.admin())
                + ", telemetry ws://" + ListenAddress.format(listeners.telemetry()));
        progress.println("  dashboard http://" + ListenAddress.format(listeners.admin()) + "/ui/ (user "
                + DemoFiles.DASHBOARD_USER + ", password in " + files.dashboardPassword() + ")");
        for (Node n : DemoPlan.NODES) {
            stores.put(n.id(), PbxStore.openFile(new PbxConfigLoader().load(files.pbxConfig(n)).storePath()));
            startNode(n);
            progress.println("  " + pad(n.id(), 9) + " site " + n.site() + ": SIP " + n.address() + ":"
                    + DemoPlan.SIP_PORT + " udp+tcp, RTP relay " + n.address() + ":" + DemoPlan.MEDIA_FIRST + "-"
                    + (DemoPlan.MEDIA_FIRST + DemoPlan.MEDIA_PORTS - 1) + ", agent inside, metrics http://"
                    + n.address() + ":" + DemoPlan.METRICS_PORT + "/metrics");
        }
        phones = DemoPhones.start(accounts, listeners.dns(), paths, callsPerNetwork);
        progress.println("  phones    " + phones.describe());
    }

    private void startNode(Node n) throws Exception {
        PbxServer server = PbxServer.start(new PbxConfigLoader().load(files.pbxConfig(n)),
                new AgentConfigLoader().load(files.agentConfig(n)), stores.get(n.id()));
        nodes.put(n.id(), server);
    }

    private static String key(String network, String site) {
        return network + "/" + site;
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** A path's one-way conditions, applied to each direction alike. */
    private static Impairment impairment(PathQuality q) {
        return new Impairment(q.delayMillis(), q.jitterMillis(), q.lossPercent() / 100.0);
    }

    private void applyPath(String network, String site, PathQuality q) {
        ImpairmentRelay relay = probeRelays.get(key(network, site));
        if (relay != null) {
            relay.impair(impairment(q), impairment(q));
        }
        if (phones != null) {
            phones.changed(network, site, q);
        }
        LOG.info("path {} -> {}: {} ms one way, jitter {} ms, loss {} %", network, site, q.delayMillis(),
                q.jitterMillis(), q.lossPercent());
    }

    // --- faults

    public synchronized void impair(String network, String site, Double delayMillis, Double jitterMillis,
            Double lossPercent) {
        DemoPlan.network(network);
        DemoPlan.site(site);
        PathQuality now = paths.quality(network, site);
        paths.set(network, site, new PathQuality(delayMillis == null ? now.delayMillis() : delayMillis,
                jitterMillis == null ? now.jitterMillis() : jitterMillis,
                lossPercent == null ? now.lossPercent() : lossPercent));
    }

    public synchronized void clear() {
        paths.reset();
    }

    /** Stops every node of the site at once, as a power cut would; their H2 stores stay with the demo. */
    public synchronized List<String> kill(String site) {
        DemoPlan.site(site);
        List<String> killed = new ArrayList<>();
        for (Node n : DemoPlan.nodesOf(site)) {
            PbxServer s = nodes.remove(n.id());
            if (s != null) {
                s.close();
                killed.add(n.id());
            }
        }
        LOG.warn("site {} killed: {}", site, killed);
        return killed;
    }

    public synchronized List<String> restore(String site) throws Exception {
        DemoPlan.site(site);
        List<String> started = new ArrayList<>();
        for (Node n : DemoPlan.nodesOf(site)) {
            if (!nodes.containsKey(n.id())) {
                startNode(n);
                started.add(n.id());
            }
        }
        LOG.info("site {} restored: {}", site, started);
        return started;
    }

    // --- what the view, the control channel and the tour read

    public DnsNode dns() {
        return dns;
    }

    public Listeners listeners() {
        return listeners;
    }

    public DemoFiles files() {
        return files;
    }

    public PathTable paths() {
        return paths;
    }

    public synchronized boolean running(String nodeId) {
        return nodes.containsKey(nodeId);
    }

    public DemoPhones phones() {
        return phones;
    }

    @Override
    public synchronized void close() {
        if (phones != null) {
            phones.close();
        }
        nodes.values().forEach(PbxServer::close);
        nodes.clear();
        if (dns != null) {
            dns.close();
        }
        probeRelays.values().forEach(ImpairmentRelay::close);
        probeRelays.clear();
    }

    /** For the start failure message: which part could not start. */
    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t instanceof IOException || t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
