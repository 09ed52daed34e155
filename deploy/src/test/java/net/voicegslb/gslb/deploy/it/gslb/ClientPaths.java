package net.voicegslb.gslb.deploy.it.gslb;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.voicegslb.gslb.common.lab.Impairment;
import net.voicegslb.gslb.common.lab.ImpairmentRelay;

/**
 * The network between the sites and the client networks: per (site, network) one relay whose
 * front listens inside the network (127.20.N.11 for fra, .12 nyc, .13 sin) and which forwards, with
 * the path's delay, to that site's STAMP reflector. The site's agent probes the relay, so its
 * measurements land on the network's /24, as probes to a real client network would. Round-trip
 * times are split evenly between the two directions and can be changed while the lab runs, as can
 * a path's noise: each packet's delay then varies uniformly within ±noise/2 per direction, so a
 * probe's round trip stays within rtt ± noise. The draws are seeded (relay k of the lab uses
 * {@code seed + k}), so a run's noise is repeatable for the same packet order.
 */
final class ClientPaths implements AutoCloseable {

    private static final int MAX_QUEUED = 10_000;

    private record Leg(String site, ClientNetwork network) {}

    private final Map<Leg, ImpairmentRelay> relays = new LinkedHashMap<>();
    private final Map<Leg, Integer> rtts = new LinkedHashMap<>();
    private final Map<Leg, Integer> noises = new LinkedHashMap<>();
    private final long seed;

    /**
     * @param reflectors each site's STAMP reflector (its agent's {@code stamp.reflector})
     * @param seed       first relay's random seed; the others count up from it
     */
    ClientPaths(Map<String, InetSocketAddress> reflectors, Map<ClientNetwork, Map<String, Integer>> rttMillis,
                long seed) {
        this.seed = seed;
        long next = seed;
        try {
            for (ClientNetwork n : LabPlan.NETWORKS) {
                for (int i = 0; i < LabPlan.SITES.size(); i++) {
                    String site = LabPlan.SITES.get(i);
                    int rtt = rttMillis.get(n).get(site);
                    Leg p = new Leg(site, n);
                    relays.put(p, new ImpairmentRelay(new InetSocketAddress(n.relayAddress(i), 0),
                            reflectors.get(site), half(rtt, 0), half(rtt, 0), next++, MAX_QUEUED));
                    rtts.put(p, rtt);
                    noises.put(p, 0);
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static Impairment half(int rttMillis, int noiseMillis) {
        return new Impairment(rttMillis / 2.0, noiseMillis / 2.0, 0);
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

    /** Changes a path's round-trip time from now on, without noise. */
    void setRtt(String site, ClientNetwork network, int rttMillis) {
        setPath(site, network, rttMillis, 0);
    }

    /**
     * Changes a path from now on: round trip {@code rttMillis} ± {@code noiseMillis}, drawn per packet
     * (uniform, half of it per direction). The noise must not exceed the round trip: a clamped
     * delay would bias the mean.
     */
    void setPath(String site, ClientNetwork network, int rttMillis, int noiseMillis) {
        if (noiseMillis < 0 || noiseMillis > rttMillis) {
            throw new IllegalArgumentException("noise " + noiseMillis + " ms must be in [0, rtt " + rttMillis + " ms]");
        }
        Leg p = new Leg(site, network);
        relays.get(p).impair(half(rttMillis, noiseMillis), half(rttMillis, noiseMillis));
        rtts.put(p, rttMillis);
        noises.put(p, noiseMillis);
    }

    long seed() {
        return seed;
    }

    int rtt(String site, ClientNetwork network) {
        return rtts.get(new Leg(site, network));
    }

    /** Packets each relay forwarded and got back, and how many the host delivered late: for failure messages. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("paths seeded from ").append(seed).append('\n');
        relays.forEach((p, r) -> sb.append(String.format("%s -> %s (%s): rtt %d ± %d ms, forwarded %d, returned %d,"
                        + " late %d, overflow %d%n", p.site(), p.network(), r.address(), rtts.get(p), noises.get(p),
                r.forwarded(), r.returned(), r.late(), r.overflow())));
        return sb.toString();
    }

    @Override
    public void close() {
        relays.values().forEach(ImpairmentRelay::close);
    }
}
