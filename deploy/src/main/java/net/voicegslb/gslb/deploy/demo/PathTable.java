package net.voicegslb.gslb.deploy.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import net.voicegslb.gslb.deploy.demo.DemoPlan.Network;
import net.voicegslb.gslb.deploy.demo.DemoPlan.PathQuality;
import net.voicegslb.gslb.deploy.demo.DemoPlan.Site;

/**
 * The current conditions of every path between a client network and a site, starting from
 * {@link DemoPlan#BASELINE}. A change is handed to the listener, which applies it to the relays
 * and the phones that carry that path's traffic; reads are lock-free for the phones' hot path.
 */
public final class PathTable {

    /** Applies a path's new conditions. */
    public interface Listener {
        void changed(String network, String site, PathQuality quality);
    }

    private final Listener listener;
    private volatile Map<String, PathQuality> current;

    public PathTable(Listener listener) {
        this.listener = listener;
        this.current = baseline();
    }

    private static Map<String, PathQuality> baseline() {
        Map<String, PathQuality> m = new LinkedHashMap<>();
        for (Network n : DemoPlan.NETWORKS) {
            for (Site s : DemoPlan.SITES) {
                m.put(key(n.name(), s.id()), DemoPlan.BASELINE.get(n.name()).get(s.id()));
            }
        }
        return Map.copyOf(m);
    }

    private static String key(String network, String site) {
        return network + "/" + site;
    }

    public PathQuality quality(String network, String site) {
        PathQuality q = current.get(key(network, site));
        if (q == null) {
            throw new IllegalArgumentException("no path " + network + " -> " + site);
        }
        return q;
    }

    public synchronized void set(String network, String site, PathQuality quality) {
        quality(network, site);
        Map<String, PathQuality> m = new LinkedHashMap<>(current);
        m.put(key(network, site), quality);
        current = Map.copyOf(m);
        listener.changed(network, site, quality);
    }

    /** Every path back to its baseline. */
    public synchronized void reset() {
        Map<String, PathQuality> before = current;
        current = baseline();
        current.forEach((k, q) -> {
            if (!q.equals(before.get(k))) {
                String[] ns = k.split("/", 2);
                listener.changed(ns[0], ns[1], q);
            }
        });
    }

    /** True when the path differs from its baseline. */
    public boolean impaired(String network, String site) {
        return !quality(network, site).equals(DemoPlan.BASELINE.get(network).get(site));
    }
}
