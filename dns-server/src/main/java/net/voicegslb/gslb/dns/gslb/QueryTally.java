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

    private final ConcurrentHashMap<PrefixKey, LongAdder> byPrefix = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> bySite = new ConcurrentHashMap<>();

    /** What {@link #drain} hands over: estimated queries per prefix and per first site since the last drain. */
    public record Counts(Map<ClientPrefix, Long> byPrefix, Map<String, Long> bySite) {
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
        LongAdder n = byPrefix.get(key);
        if (n == null && byPrefix.size() < MAX_PREFIXES) {
            n = byPrefix.computeIfAbsent(key, k -> new LongAdder());
        }
        if (n != null) {
            n.add(SAMPLE_EVERY);
        }
        RankedSite best = answer.ranking() == null ? null : answer.ranking().best();
        bySite.computeIfAbsent(best == null ? NO_SITE : best.siteId(), k -> new LongAdder()).add(SAMPLE_EVERY);
    }

    /** The counts since the last drain, and zero from now on. */
    public Counts drain() {
        Map<ClientPrefix, Long> prefixes = new HashMap<>();
        for (var it = byPrefix.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            long n = e.getValue().sumThenReset();
            if (n > 0) {
                prefixes.put(ClientKey.prefix(e.getKey().k1(), e.getKey().k2()), n);
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
        return new Counts(prefixes, sites);
    }
}
