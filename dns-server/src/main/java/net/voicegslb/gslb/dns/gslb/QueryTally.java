package net.voicegslb.gslb.dns.gslb;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.rank.RankedSite;

/**
 * Which dynamic answers go out, counted for the dashboard and the drain preview: per decision
 * prefix (the measured network an answer is chosen for; /0 for everyone unmeasured) and per site
 * the answer puts first. The query path reports one query in {@link #SAMPLE_EVERY}, so counting
 * costs a map update per sixteen queries and nothing on the others; the counts are estimates
 * (sampled count x 16). At most {@link #MAX_PREFIXES} prefixes are told apart; beyond that, queries
 * for new prefixes only count for their site. Readers take and reset the counts ({@link #drain}).
 */
public final class QueryTally {

    /** A power of two: the query path tests {@code counter & (SAMPLE_EVERY - 1)}. */
    public static final int SAMPLE_EVERY = 16;
    public static final int MAX_PREFIXES = 20_000;
    /** The site key of answers with no site first (everything disabled). */
    public static final String NO_SITE = "";

    private record PrefixKey(long k1, long k2) {}

    /**
     * A decision prefix's count and the client its answers are ranked for: within one decision
     * prefix every client gets the answer of a representative (the first one asked), which is not
     * the prefix itself when it is /0 or a topology range.
     */
    private static final class Tally {
        final LongAdder queries = new LongAdder();
        volatile ClientPrefix rankedFor;
    }

    private final ConcurrentHashMap<PrefixKey, Tally> byPrefix = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> bySite = new ConcurrentHashMap<>();

    /**
     * What {@link #drain} hands over: estimated queries per decision prefix and per first site since
     * the last drain, and the client each decision prefix's answers were ranked for.
     */
    public record Counts(Map<ClientPrefix, Long> byPrefix, Map<String, Long> bySite,
                         Map<ClientPrefix, ClientPrefix> rankedFor) {
        public long total() {
            return bySite.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * One sampled query.
     *
     * @param k1 the decision key's family and length (flags above bit 15 are ignored)
     * @param k2 its bits
     */
    void sampled(long k1, long k2, ClientAnswer answer) {
        PrefixKey key = new PrefixKey(k1 & 0xFFFF, k2);
        Tally n = byPrefix.get(key);
        if (n == null && byPrefix.size() < MAX_PREFIXES) {
            n = byPrefix.computeIfAbsent(key, k -> new Tally());
        }
        if (n != null) {
            n.queries.add(SAMPLE_EVERY);
            if (answer.ranking() != null) {
                n.rankedFor = answer.ranking().clientKey();
            }
        }
        RankedSite best = answer.ranking() == null ? null : answer.ranking().best();
        bySite.computeIfAbsent(best == null ? NO_SITE : best.siteId(), k -> new LongAdder()).add(SAMPLE_EVERY);
    }

    /** The counts since the last drain, and zero from now on. */
    public Counts drain() {
        Map<ClientPrefix, Long> prefixes = new HashMap<>();
        Map<ClientPrefix, ClientPrefix> rankedFor = new HashMap<>();
        for (var it = byPrefix.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            long n = e.getValue().queries.sumThenReset();
            if (n > 0) {
                ClientPrefix p = ClientKey.prefix(e.getKey().k1(), e.getKey().k2());
                prefixes.put(p, n);
                ClientPrefix r = e.getValue().rankedFor;
                if (r != null) {
                    rankedFor.put(p, r);
                }
            } else {
                it.remove(); // quiet for a whole period: make room for others
            }
        }
        Map<String, Long> sites = new HashMap<>();
        bySite.forEach((site, n) -> {
            long v = n.sumThenReset();
            if (v > 0) {
                sites.put(site, v);
            }
        });
        return new Counts(prefixes, sites, rankedFor);
    }
}
