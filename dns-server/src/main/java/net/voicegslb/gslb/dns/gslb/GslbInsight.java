package net.voicegslb.gslb.dns.gslb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import net.voicegslb.gslb.policy.PolicyEngine;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.model.Service;
import net.voicegslb.gslb.policy.model.Site;
import net.voicegslb.gslb.policy.rank.RankedSite;
import net.voicegslb.gslb.policy.rank.Ranking;
import net.voicegslb.gslb.policy.store.PathEstimate;

/**
 * What the dashboard shows about decisions, read from the policy without changing it (rankings are
 * {@link PolicyEngine#peek peeked}, never recorded): the heat map of client networks by site, and
 * the {@link TrafficHistory} it samples every {@link TrafficHistory#SITE_STEP_MILLIS} from the
 * {@link QueryTally}. Runs on its own thread, never on a DNS event loop or the policy timer.
 */
public final class GslbInsight {

    /** Client networks whose per-site quality is kept each minute: the busiest. */
    static final int PREFIXES_PER_STEP = 30;
    public static final int MAX_HEATMAP_ROWS = 500;

    private final GslbService service;
    private final TrafficHistory history;
    private final LongSupplier clock;
    private long steps;

    public GslbInsight(GslbService service, TrafficHistory history, LongSupplier clock) {
        this.service = service;
        this.history = history;
        this.clock = clock;
    }

    /** One sample; call every {@link TrafficHistory#SITE_STEP_MILLIS}. */
    public void step() {
        long now = clock.getAsLong();
        PolicyEngine engine = service.engine();
        QueryTally.Counts counts = service.tally().drain();
        Map<String, TrafficHistory.Quality> sites = new LinkedHashMap<>();
        Service first = firstService(engine);
        for (Site s : engine.inventory().sites()) {
            sites.put(s.id(), siteQuality(engine, first, s.id(), now));
        }
        history.recordSites(now, counts.bySite(), sites, counts.byPrefix(), counts.rankedFor());
        // every minute for the busiest networks; at once for one that just became busy
        boolean minute = steps++ % (TrafficHistory.PREFIX_STEP_MILLIS / TrafficHistory.SITE_STEP_MILLIS) == 0;
        if (first != null) {
            for (Map.Entry<ClientPrefix, Double> e : history.busiest(PREFIXES_PER_STEP)) {
                if (!minute && history.tracks(e.getKey())) {
                    continue;
                }
                Ranking r = engine.peek(first.name(), history.rankedFor(e.getKey()), null, now);
                Map<String, TrafficHistory.Quality> q = new LinkedHashMap<>();
                for (RankedSite rs : all(r)) {
                    q.put(rs.siteId(), quality(rs));
                }
                history.recordPrefix(now, e.getKey(), q);
            }
        }
    }

    private static Service firstService(PolicyEngine engine) {
        return engine.inventory().services().stream().findFirst().orElse(null);
    }

    private static TrafficHistory.Quality siteQuality(PolicyEngine engine, Service service, String siteId, long now) {
        PathEstimate p = engine.store().siteAggregate(engine.store().siteIndex(siteId), now);
        if (p == null) {
            return TrafficHistory.Quality.UNKNOWN;
        }
        double mos = service == null ? Double.NaN
                : engine.eModel().mos(p.rttMillis(), p.jitterMillis(), p.lossRatio(), service.parameters().codec());
        return new TrafficHistory.Quality(mos, p.rttMillis(), p.jitterMillis(), p.lossRatio());
    }

    private static TrafficHistory.Quality quality(RankedSite rs) {
        PathEstimate p = rs.path();
        return p == null ? new TrafficHistory.Quality(rs.predictedMos(), Double.NaN, Double.NaN, Double.NaN)
                : new TrafficHistory.Quality(rs.predictedMos(), p.rttMillis(), p.jitterMillis(), p.lossRatio());
    }

    private static List<RankedSite> all(Ranking r) {
        List<RankedSite> out = new ArrayList<>(r.answer());
        out.addAll(r.notAnswered());
        return out;
    }

    /**
     * The heat map: client networks (rows; the busiest by recent queries, then other measured ones)
     * by the service's sites (columns), each cell the predicted MOS with the evidence behind it, and
     * the site the network is answered with first.
     *
     * @param serviceName null for the first service
     * @param search      only networks whose text contains it, or null
     * @throws IllegalArgumentException for an unknown service
     */
    public Map<String, Object> heatMap(String serviceName, int limit, String search) {
        long now = clock.getAsLong();
        PolicyEngine engine = service.engine();
        Service svc = serviceName == null ? firstService(engine)
                : engine.inventory().service(serviceName).orElseThrow(
                        () -> new IllegalArgumentException("no service " + serviceName));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("atMillis", now);
        out.put("services", engine.inventory().services().stream().map(Service::name).toList());
        if (svc == null) {
            out.put("rows", List.of());
            return out;
        }
        out.put("service", svc.name());
        out.put("sites", svc.pool());
        String needle = search == null || search.isBlank() ? null : search.trim().toLowerCase(Locale.ROOT);
        Set<ClientPrefix> chosen = new LinkedHashSet<>();
        for (Map.Entry<ClientPrefix, Double> e : history.busiest(TrafficHistory.MAX_RECENT_PREFIXES)) {
            if (chosen.size() >= limit) {
                break;
            }
            if (matches(e.getKey(), needle)) {
                chosen.add(e.getKey());
            }
        }
        for (ClientPrefix p : engine.store().prefixes(MAX_HEATMAP_ROWS * 20)) {
            if (chosen.size() >= limit) {
                break;
            }
            if (matches(p, needle)) {
                chosen.add(p);
            }
        }
        List<Object> rows = new ArrayList<>();
        for (ClientPrefix p : chosen) {
            // ranked as the DNS path ranks this network: for its representative client
            ClientPrefix rankedFor = history.rankedFor(p);
            Ranking r = engine.peek(svc.name(), rankedFor, null, now);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("prefix", p.toString());
            row.put("unmeasured", p.length() == 0);
            row.put("rankedFor", rankedFor.equals(p) ? null : rankedFor.toString());
            row.put("queriesPerMinute", round(history.recentQueries(p) * 60_000.0 / TrafficHistory.SITE_STEP_MILLIS
                    * (1 - TrafficHistory.DECAY)));
            row.put("answered", r.best() == null ? null : r.best().siteId());
            row.put("answer", r.answer().stream().map(RankedSite::siteId).toList());
            Map<String, Object> cells = new LinkedHashMap<>();
            for (RankedSite rs : all(r)) {
                cells.put(rs.siteId(), cell(rs, rankedFor));
            }
            row.put("cells", cells);
            rows.add(row);
        }
        out.put("rows", rows);
        return out;
    }

    private static boolean matches(ClientPrefix p, String needle) {
        return needle == null || p.toString().toLowerCase(Locale.ROOT).contains(needle);
    }

    private static Map<String, Object> cell(RankedSite rs, ClientPrefix client) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("mos", round(rs.predictedMos()));
        c.put("score", round(rs.score()));
        c.put("eligibility", rs.eligibility().name());
        c.put("evidence", rs.evidence().name());
        PathEstimate p = rs.path();
        if (p != null) {
            c.put("rttMs", round(p.rttMillis()));
            c.put("jitterMs", round(p.jitterMillis()));
            c.put("loss", p.lossRatio());
            c.put("samples", round(p.effectiveSamples()));
            c.put("ageMillis", p.ageMillis());
            ClientPrefix matched = p.matched(client);
            c.put("measuredPrefix", matched == null ? null : matched.toString());
        }
        return c;
    }

    private static Double round(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 1000) / 1000.0;
    }

    public TrafficHistory history() {
        return history;
    }
}
