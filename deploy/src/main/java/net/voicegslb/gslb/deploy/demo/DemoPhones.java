package net.voicegslb.gslb.deploy.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.voicegslb.gslb.common.lab.DelayLine;
import net.voicegslb.gslb.common.lab.Impairment;
import net.voicegslb.gslb.common.lab.NetworkEmulator;
import net.voicegslb.gslb.common.lab.SitePath;
import net.voicegslb.gslb.deploy.demo.DemoFiles.Account;
import net.voicegslb.gslb.deploy.demo.DemoPlan.Network;
import net.voicegslb.gslb.deploy.demo.DemoPlan.Node;
import net.voicegslb.gslb.deploy.demo.DemoPlan.PathQuality;
import net.voicegslb.gslb.deploy.demo.DemoPlan.Site;
import net.voicegslb.gslb.pbx.lab.FleetNetwork;
import net.voicegslb.gslb.pbx.lab.PhoneAccount;
import net.voicegslb.gslb.pbx.lab.PhoneFleet;
import net.voicegslb.gslb.pbx.lab.PhoneSettings;
import net.voicegslb.gslb.pbx.lab.PhoneStats;
import net.voicegslb.gslb.pbx.lab.SyntheticPhone;

/**
 * The demo's phones: in each client network, synthetic phones on addresses 127.20.N.101 and up
 * that find their node through our DNS (as a phone behind a resolver in that network would), register
 * with digest auth, answer the nodes' keepalives, and keep calls with G.711 RTP going between them.
 * Everything they send to a site and receive from it passes that network's emulated path, the
 * same conditions the active probes see, so the agents measure them as they would real phones.
 */
public final class DemoPhones implements AutoCloseable {

    /** Phones' addresses start here in their network (below: the probe relays' fronts at .11-.13). */
    static final int FIRST_HOST = 101;
    private static final int MAX_QUEUED = 50_000;

    private final DelayLine line;
    private final Map<String, NetworkEmulator> emulators;
    private final PhoneFleet fleet;

    private DemoPhones(DelayLine line, Map<String, NetworkEmulator> emulators, PhoneFleet fleet) {
        this.line = line;
        this.emulators = emulators;
        this.fleet = fleet;
    }

    static DemoPhones start(List<Account> accounts, InetSocketAddress dns, PathTable paths, int callsPerNetwork)
            throws IOException {
        DelayLine line = new DelayLine("demo-paths", MAX_QUEUED);
        try {
            Map<InetAddress, String> siteByAddress = new LinkedHashMap<>();
            for (Node n : DemoPlan.NODES) {
                siteByAddress.put(InetAddress.getByName(n.address()), n.site());
            }
            Map<String, NetworkEmulator> emulators = new LinkedHashMap<>();
            List<FleetNetwork> networks = new ArrayList<>();
            long seed = 101;
            for (Network net : DemoPlan.NETWORKS) {
                Map<String, SitePath> sitePaths = new LinkedHashMap<>();
                for (Site s : DemoPlan.SITES) {
                    sitePaths.put(s.id(), path(paths.quality(net.name(), s.id())));
                }
                NetworkEmulator emulator = new NetworkEmulator(net.name(), line, siteByAddress, sitePaths, seed++);
                emulators.put(net.name(), emulator);
                List<PhoneAccount> phones = new ArrayList<>();
                int host = FIRST_HOST;
                for (Account a : accounts) {
                    if (a.network().equals(net.name())) {
                        phones.add(new PhoneAccount(a.user(), a.password(), InetAddress.getByName(net.address(host++))));
                    }
                }
                networks.add(new FleetNetwork(emulator, phones, callsPerNetwork));
            }
            PhoneFleet fleet = new PhoneFleet(DemoPlan.TENANT, networks, new DnsRegistrarLocator(dns),
                    // re-register every 48 s and check the flow every 5 s: phones follow DNS within a
                    // minute and leave a dead node within seconds, as RFC 5626 phones do
                    PhoneSettings.defaults().withRegisterExpires(Duration.ofSeconds(60))
                            .withKeepalive(Duration.ofSeconds(5), Duration.ofSeconds(2)), Duration.ofSeconds(20),
                    Duration.ofSeconds(40), 7);
            fleet.start();
            return new DemoPhones(line, emulators, fleet);
        } catch (IOException | RuntimeException e) {
            line.close();
            throw e;
        }
    }

    static SitePath path(PathQuality q) {
        return SitePath.symmetric(new Impairment(q.delayMillis(), q.jitterMillis(), q.lossPercent() / 100.0));
    }

    /** A path's conditions changed: the phones' traffic on it follows at once. */
    void changed(String network, String site, PathQuality q) {
        NetworkEmulator e = emulators.get(network);
        if (e != null) {
            e.impair(site, path(q));
        }
    }

    public PhoneStats stats() {
        return fleet.stats();
    }

    public PhoneStats stats(String network) {
        return fleet.stats(network);
    }

    /** Where each phone of a network is registered now (node address), for the view and tests. */
    public Map<String, String> registrations(String network) {
        Map<String, String> out = new LinkedHashMap<>();
        for (SyntheticPhone p : fleet.phones(network)) {
            InetSocketAddress at = p.registrar();
            out.put(p.account().user(), at == null || !p.registered() ? "-" : at.getAddress().getHostAddress());
        }
        return out;
    }

    public long taskFailures() {
        return fleet.taskFailures();
    }

    String describe() {
        PhoneStats s = fleet.stats();
        Map<String, Long> causes = fleet.failureCauses();
        return String.format(Locale.ROOT, "%d registered; calls %d placed, %d answered, %d completed, %d failed,"
                        + " %d dropped; RTP %d sent, %d received, %d lost; %d dead flows left%s",
                s.registered(), s.callsPlaced(), s.callsAnswered(), s.callsCompleted(), s.callsFailed(),
                s.callsDropped(), s.rtpSent(), s.rtpReceived(), s.rtpLost(), s.flowFailures(),
                causes.isEmpty() ? "" : "; failed calls by cause " + causes);
    }

    @Override
    public void close() {
        fleet.close();
        line.close();
    }
}
