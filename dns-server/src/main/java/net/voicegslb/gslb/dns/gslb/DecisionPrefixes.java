package net.voicegslb.gslb.dns.gslb;

import java.util.Map;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.model.Site;
import net.voicegslb.gslb.policy.store.MeasurementStore;
import net.voicegslb.gslb.policy.store.PrefixEntry;
import net.voicegslb.gslb.policy.store.TopologyMap;

/**
 * Finds a client's decision prefix: the longest prefix covering it that holds anything a ranking
 * reads about the client, i.e. a usable measurement of any site or a configured topology CIDR.
 * Every client inside the decision prefix whose own key is longer than it is ranked on exactly the
 * same evidence, so they can share one precomputed answer. Clients nobody measured all get the
 * decision prefix /0 and share the site-wide answer; a flood of random ECS prefixes therefore adds
 * no table entries and no rankings.
 *
 * <p>Runs on event loops: a few lock-free hash probes per site (one per stored prefix length), no
 * allocation. Site indices are looked up by the refresher ({@link #siteIndices}) because a site's
 * index appears only with its first measurement.
 */
final class DecisionPrefixes {

    private final MeasurementStore store;
    private final TopologyMap topology;

    DecisionPrefixes(MeasurementStore store, TopologyMap topology) {
        this.store = store;
        this.topology = topology;
    }

    /** The store's index of every configured site that has reported (others hold no measurements). */
    int[] siteIndices(Iterable<Site> sites) {
        int n = 0;
        int[] out = new int[16];
        for (Site s : sites) {
            int i = store.siteIndex(s.id());
            if (i >= 0) {
                if (n == out.length) {
                    out = java.util.Arrays.copyOf(out, n * 2);
                }
                out[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * Length of the decision prefix of {@code client}: at most its own length, 0 when nothing about
     * it is known.
     */
    int length(ClientPrefix client, int[] siteIndices, long nowMillis) {
        int best = 0;
        int own = client.length();
        for (int site : siteIndices) {
            PrefixEntry e = store.longestMatch(client, site, nowMillis);
            if (e != null && e.length() > best) {
                best = e.length();
                if (best >= own) {
                    return own;
                }
            }
        }
        if (topology.size() > 0) {
            Map.Entry<ClientPrefix, String> region = topology.match(client);
            if (region != null) {
                best = Math.max(best, region.getKey().length());
            }
        }
        return Math.min(best, own);
    }
}
