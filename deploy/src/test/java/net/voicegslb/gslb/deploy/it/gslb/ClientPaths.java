package net.voicegslb.gslb.deploy.it.gslb;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.voicegslb.gslb.agent.lab.Impairment;
import net.voicegslb.gslb.agent.lab.ImpairmentRelay;

/**
 * The network between the sites and the client networks: per (site, network) one relay whose
 * front listens inside the network (127.20.N.11 for fra, .12 nyc, .13 sin) and which forwards, with
 * the path's delay, to that site's STAMP reflector. The site's agent probes the relay, so its
 * measurements land on the network's /24, as probes to a real client network would. Round-trip
 * times are split evenly between the two directions and can be changed while the lab runs.
 */
final class ClientPaths implements AutoCloseable {

    private static final int MAX_QUEUED = 10_000;

    private record Leg(String site, ClientNetwork network) {}

    private final Map<Leg, ImpairmentRelay> relays = new LinkedHashMap<>();
    private final Map<Leg, Integer> rtts = new LinkedHashMap<>();

    /** @param reflectors each site's STAMP reflector (its agent's {@code stamp.reflector}) */
    ClientPaths(Map<String, InetSocketAddress> reflectors, Map<ClientNetwork, Map<String, Integer>> rttMillis) {
        long seed = 1;
        try {
            for (ClientNetwork n : LabPlan.NETWORKS) {
                for (int i = 0; i < LabPlan.SITES.size(); i++) {
                    String site = LabPlan.SITES.get(i);
                    int rtt = rttMillis.get(n).get(site);
                    Leg p = new Leg(site, n);
                    relays.put(p, new ImpairmentRelay(new InetSocketAddress(n.relayAddress(i), 0),
                            reflectors.get(site), half(rtt), half(rtt), seed++, MAX_QUEUED));
                    rtts.put(p, rtt);
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static Impairment half(int rttMillis) {
        return new Impairment(rttMillis / 2.0, 0, 0);
    }

    /** HOST:PORT of every relay the agent of {@code site} probes, for its {@code probes.stamp_targets}. */
    List<String> stampTargets(String site) {
        List<String> out = new ArrayList<>();
        relays.forEach((p, r) -> {
            if (p.site().equals(site)) {
                out.add(p.network().relayAddress(LabPlan.SITES.indexOf(site)) + ":" + r.address().getPort());
            }
        });
        return out;
    }

    InetSocketAddress relay(String site, ClientNetwork network) {
        return relays.get(new Leg(site, network)).address();
    }

    /** Changes a path's round-trip time from now on. */
    void setRtt(String site, ClientNetwork network, int rttMillis) {
        Leg p = new Leg(site, network);
        relays.get(p).impair(half(rttMillis), half(rttMillis));
        rtts.put(p, rttMillis);
    }

    int rtt(String site, ClientNetwork network) {
        return rtts.get(new Leg(site, network));
    }

    /** Packets each relay forwarded and got back, and how many the host delivered late: for failure messages. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        relays.forEach((p, r) -> sb.append(String.format("%s -> %s (%s): rtt %d ms, forwarded %d, returned %d, late %d,"
                        + " overflow %d%n", p.site(), p.network(), r.address(), rtts.get(p), r.forwarded(), r.returned(),
                r.late(), r.overflow())));
        return sb.toString();
    }

    @Override
    public void close() {
        relays.values().forEach(ImpairmentRelay::close);
    }
}
