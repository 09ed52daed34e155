package net.voicegslb.gslb.dns.gslb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.voicegslb.gslb.policy.model.ClientPrefix;

/**
 * The last hour of decisions and quality, in fixed-size rings (no growth however long the server
 * runs): per site, every {@link #SITE_STEP_MILLIS}, the queries answered with it first and its
 * site-wide quality (MOS, RTT, jitter, loss); per client network among the busiest
 * {@link #MAX_TRACKED_PREFIXES}, every {@link #PREFIX_STEP_MILLIS}, the same per site; and a decayed
 * count of recent queries per client network (at most {@link #MAX_RECENT_PREFIXES}) that says which
 * are the busiest. Pure: callers hand it the samples and the time.
 */
public final class TrafficHistory {

    public static final long SITE_STEP_MILLIS = 10_000;
    public static final int SITE_POINTS = 360;
    public static final long PREFIX_STEP_MILLIS = 60_000;
    public static final int PREFIX_POINTS = 60;
    public static final int MAX_TRACKED_PREFIXES = 100;
    public static final int MAX_RECENT_PREFIXES = 20_000;
    /** Per site step: a query counts half after about a minute. */
    static final double DECAY = 0.9;

    /** Quality of one site as seen from one place (a client network, or all of them): NaN when unknown. */
    public record Quality(double mos, double rttMillis, double jitterMillis, double lossRatio) {
        public static final Quality UNKNOWN = new Quality(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** One column of points: times and, per series name, values (NaN where nothing was known). */
    static final class Ring {
        final long[] times;
        final Map<String, double[]> series = new LinkedHashMap<>();
        int next;
        int size;

        Ring(int points) {
            times = new long[points];
        }

        void add(long time, Map<String, Double> values) {
            times[next] = time;
            for (Map.Entry<String, Double> e : values.entrySet()) {
                double[] s = series.computeIfAbsent(e.getKey(), k -> {
                    double[] a = new double[times.length];
                    Arrays.fill(a, Double.NaN);
                    return a;
                });
                s[next] = e.getValue();
            }
            for (Map.Entry<String, double[]> e : series.entrySet()) {
                if (!values.containsKey(e.getKey())) {
                    e.getValue()[next] = Double.NaN;
                }
            }
            next = (next + 1) % times.length;
            size = Math.min(size + 1, times.length);
        }

        /** Oldest first: {"t": [epoch ms...], name: [values...]}; NaN becomes null. */
        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            int start = (next - size + times.length) % times.length;
            List<Long> t = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                t.add(times[(start + i) % times.length]);
            }
            out.put("t", t);
            series.forEach((name, values) -> {
                List<Double> v = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    double x = values[(start + i) % times.length];
                    v.add(Double.isNaN(x) ? null : x);
                }
                out.put(name, v);
            });
            return out;
        }
    }

    private final Ring sites = new Ring(SITE_POINTS);
    private final Map<ClientPrefix, Ring> prefixes = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<ClientPrefix, Double> recent = new HashMap<>();
    /** For each network in {@link #recent}: the client its answers were last ranked for. */
    private final Map<ClientPrefix, ClientPrefix> rankedFor = new HashMap<>();

    /**
     * One site step.
     *
     * @param queriesBySite queries answered with each site first since the last step
     * @param quality       each site's site-wide quality now
     */
    public synchronized void recordSites(long nowMillis, Map<String, Long> queriesBySite,
                                         Map<String, Quality> quality, Map<ClientPrefix, Long> queriesByPrefix) {
        recordSites(nowMillis, queriesBySite, quality, queriesByPrefix, Map.of());
    }

    /** @param rankedFor per network, the client its answers were ranked for (see {@link QueryTally.Counts}) */
    public synchronized void recordSites(long nowMillis, Map<String, Long> queriesBySite, Map<String, Quality> quality,
                                         Map<ClientPrefix, Long> queriesByPrefix,
                                         Map<ClientPrefix, ClientPrefix> rankedFor) {
        this.rankedFor.putAll(rankedFor);
        Map<String, Double> values = new LinkedHashMap<>();
        long total = queriesBySite.values().stream().mapToLong(Long::longValue).sum();
        for (Map.Entry<String, Quality> e : quality.entrySet()) {
            String site = e.getKey();
            long q = queriesBySite.getOrDefault(site, 0L);
            values.put(site + ".queries", (double) q);
            values.put(site + ".share", total == 0 ? Double.NaN : (double) q / total);
            put(values, site, e.getValue());
        }
        sites.add(nowMillis, values);
        recent.replaceAll((p, n) -> n * DECAY);
        queriesByPrefix.forEach((p, n) -> recent.merge(p, (double) n, Double::sum));
        recent.values().removeIf(n -> n < 0.5);
        if (recent.size() > MAX_RECENT_PREFIXES) {
            List<Map.Entry<ClientPrefix, Double>> all = new ArrayList<>(recent.entrySet());
            all.sort(Map.Entry.comparingByValue());
            for (int i = 0; i < all.size() - MAX_RECENT_PREFIXES; i++) {
                recent.remove(all.get(i).getKey());
            }
        }
        this.rankedFor.keySet().retainAll(recent.keySet());
    }

    /** The client the network's answers are ranked for: itself unless the DNS path said otherwise. */
    public synchronized ClientPrefix rankedFor(ClientPrefix prefix) {
        return rankedFor.getOrDefault(prefix, prefix);
    }

    /** One client network's step: its quality per site now. */
    public synchronized void recordPrefix(long nowMillis, ClientPrefix prefix, Map<String, Quality> quality) {
        Ring r = prefixes.get(prefix);
        if (r == null) {
            if (prefixes.size() >= MAX_TRACKED_PREFIXES) {
                prefixes.remove(prefixes.keySet().iterator().next()); // the least recently recorded or read
            }
            r = new Ring(PREFIX_POINTS);
            prefixes.put(prefix, r);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        quality.forEach((site, q) -> put(values, site, q));
        r.add(nowMillis, values);
    }

    private static void put(Map<String, Double> values, String site, Quality q) {
        values.put(site + ".mos", q.mos());
        values.put(site + ".rtt_ms", q.rttMillis());
        values.put(site + ".jitter_ms", q.jitterMillis());
        values.put(site + ".loss", q.lossRatio());
    }

    /** The busiest client networks by recent queries, most first. */
    public synchronized List<Map.Entry<ClientPrefix, Double>> busiest(int limit) {
        return recent.entrySet().stream().sorted(Map.Entry.<ClientPrefix, Double>comparingByValue().reversed())
                .limit(limit).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }

    /** Recent queries of one client network (decayed count), 0 when none. */
    public synchronized double recentQueries(ClientPrefix prefix) {
        return recent.getOrDefault(prefix, 0.0);
    }

    /** Every client network with recent queries, with the decayed count: the drain preview's weights. */
    public synchronized Map<ClientPrefix, Double> recentQueries() {
        return new HashMap<>(recent);
    }

    public synchronized Map<String, Object> sitesJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stepMillis", SITE_STEP_MILLIS);
        out.putAll(sites.json());
        return out;
    }

    /** The client network's last hour, or null when it is not among the tracked ones. */
    public synchronized Map<String, Object> prefixJson(ClientPrefix prefix) {
        Ring r = prefixes.get(prefix);
        if (r == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("prefix", prefix.toString());
        out.put("stepMillis", PREFIX_STEP_MILLIS);
        out.putAll(r.json());
        return out;
    }

    /** Whether the network has a history here (without counting as a read). */
    public synchronized boolean tracks(ClientPrefix prefix) {
        return prefixes.containsKey(prefix);
    }

    synchronized int trackedPrefixes() {
        return prefixes.size();
    }
}
