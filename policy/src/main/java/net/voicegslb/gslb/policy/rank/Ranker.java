package net.voicegslb.gslb.policy.rank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.voicegslb.gslb.policy.health.HealthRegistry;
import net.voicegslb.gslb.policy.health.SiteHealth;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.model.RankingParameters;
import net.voicegslb.gslb.policy.model.Service;
import net.voicegslb.gslb.policy.model.Site;
import net.voicegslb.gslb.policy.model.Tenant;
import net.voicegslb.gslb.policy.quality.EModel;
import net.voicegslb.gslb.policy.store.MeasurementStore;
import net.voicegslb.gslb.policy.store.TopologyMap;

/**
 * Orders a service's sites for one client. The rules, in the order they apply:
 * <ol>
 *   <li>Disabled, down and full sites are never answered while anything else is eligible.</li>
 *   <li>Draining sites are answered only when no active site is eligible.</li>
 *   <li>Eligible sites are ordered by score (predicted MOS minus evidence, capacity and degraded
 *       penalties, plus the tenant home bonus), then lower RTT, lower utilization, pool order.</li>
 *   <li>Hysteresis keeps the previous first site unless a challenger leads by the margin for the
 *       hold time; an ineligible previous site is replaced at once.</li>
 *   <li>With nothing eligible, the service's fail-open rule picks the answer and says so.</li>
 * </ol>
 * Thread-safe and lock-free: it reads immutable snapshots and updates hysteresis with CAS.
 */
public final class Ranker {
    static final Comparator<RankedSite> ORDER = Comparator
            .comparingDouble(RankedSite::sortScore).reversed()
            .thenComparingDouble(s -> s.path() == null ? Double.MAX_VALUE : s.path().rttMillis())
            // whole percents, so that float noise in load averages never overrides the configured order
            .thenComparingLong(s -> Math.round(100 * (s.health() == null ? 1.0 : s.health().utilization())))
            .thenComparingInt(RankedSite::configuredIndex);

    private static final List<String> DRAINED_ONLY_NOTE = List.of("no active site is up: answering draining sites");

    private final SiteScorer scorer;
    private final MeasurementStore store;
    private final HealthRegistry health;
    private final HysteresisTable hysteresis;

    public Ranker(EModel eModel, ScoringSettings scoring, MeasurementStore store, HealthRegistry health,
                  long maxHysteresisKeys) {
        this.scorer = new SiteScorer(eModel, scoring, store);
        this.store = store;
        this.health = health;
        this.hysteresis = new HysteresisTable(maxHysteresisKeys);
    }

    public Ranking rank(Inventory inventory, TopologyMap topology, Service service, Tenant tenant,
                        ClientPrefix client, long now, long generation) {
        return rank(inventory, topology, service, tenant, client, now, generation, true);
    }

    /**
     * As {@link #rank(Inventory, TopologyMap, Service, Tenant, ClientPrefix, long, long)}; with
     * {@code record} false the hysteresis state is read but not changed: a what-if ranking (the
     * preview of an administrative change) leaves live answers exactly as they were.
     */
    public Ranking rank(Inventory inventory, TopologyMap topology, Service service, Tenant tenant,
                        ClientPrefix client, long now, long generation, boolean record) {
        RankingParameters p = service.parameters();
        ClientPrefix key = store.clientKey(client);
        Map.Entry<ClientPrefix, String> region = topology.match(key);
        String clientRegion = region == null ? null : region.getValue();

        int n = service.pool().size();
        RankedSite[] scored = new RankedSite[n];
        int eligibleCount = 0;
        int drainingCount = 0;
        long validUntil = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            Site site = inventory.siteOrNull(service.pool().get(i));
            SiteHealth h = health.siteAt(site.id(), now);
            boolean home = tenant != null && tenant.isHome(site.id());
            RankedSite r = scorer.score(site, i, h, key, clientRegion, p, home, now);
            scored[i] = r;
            if (r.eligibility() == Eligibility.ELIGIBLE) {
                eligibleCount++;
            } else if (r.eligibility() == Eligibility.DRAINING) {
                drainingCount++;
            }
            if (h != null) {
                // A down site's snapshot can expire too (a drain ending): the answer must follow.
                validUntil = Math.min(validUntil, h.expiresAtMillis());
            }
        }
        String tenantLabel = tenant == null ? null : tenant.label();
        if (eligibleCount == 0 && drainingCount == 0) {
            FailOpen.Result fo = FailOpen.select(p.failOpen(), Arrays.asList(scored));
            List<RankedSite> rest = new ArrayList<>(n);
            for (RankedSite s : scored) {
                if (fo.answer().stream().noneMatch(a -> a.siteId().equals(s.siteId()))) {
                    rest.add(s);
                }
            }
            return new Ranking(service.name(), tenantLabel, key, 0, fo.answer(), rest, p.failOpen(), false,
                    Hysteresis.notApplied(p), List.of(fo.note()), now, generation, validUntil);
        }
        boolean drainedOnly = eligibleCount == 0;
        Eligibility answered = drainedOnly ? Eligibility.DRAINING : Eligibility.ELIGIBLE;
        List<RankedSite> answer = new ArrayList<>(drainedOnly ? drainingCount : eligibleCount);
        List<RankedSite> others = new ArrayList<>(n - answer.size());
        for (RankedSite s : scored) {
            (s.eligibility() == answered ? answer : others).add(s);
        }
        answer.sort(ORDER);

        boolean dependsOnClient = answer.size() > 1
                && (store.hasPrefixes(key.ipv6()) || topology.hasFamily(key.ipv6()));
        int scope = dependsOnClient ? key.length() : 0;
        HysteresisKey hKey = new HysteresisKey(service.name(), tenantLabel, scope == key.length() ? key : key.truncate(scope));
        HysteresisState prev = hysteresis.get(hKey);
        Hysteresis.Decision d = Hysteresis.apply(answer, prev, p, now);
        if (record) {
            hysteresis.update(hKey, prev, d.next(), now);
        }
        validUntil = Math.min(validUntil, d.outcome().revisitAtMillis());
        if (others.size() > 1) {
            others.sort(ORDER);
        }
        return new Ranking(service.name(), tenantLabel, key, scope, answer, others, null, drainedOnly, d.outcome(),
                drainedOnly ? DRAINED_ONLY_NOTE : List.of(), now, generation, validUntil);
    }

    /** Forgets hysteresis keys not ranked for {@code idleMillis}; call from the owner's housekeeping. */
    public int sweepHysteresis(long now, long idleMillis) {
        return hysteresis.sweep(now, idleMillis);
    }

    public long hysteresisKeys() {
        return hysteresis.size();
    }

    /** Moves when hysteresis switches a key's first site. */
    public long hysteresisGeneration() {
        return hysteresis.generation();
    }
}
