package net.voicegslb.gslb.policy.rank;

import java.util.ArrayList;
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
        RankingParameters p = service.parameters();
        ClientPrefix key = store.clientKey(client);
        Map.Entry<ClientPrefix, String> region = topology.match(key);
        String clientRegion = region == null ? null : region.getValue();

        List<RankedSite> eligible = new ArrayList<>(service.pool().size());
        List<RankedSite> draining = new ArrayList<>(2);
        List<RankedSite> excluded = new ArrayList<>(2);
        List<RankedSite> all = new ArrayList<>(service.pool().size());
        long validUntil = Long.MAX_VALUE;
        for (int i = 0; i < service.pool().size(); i++) {
            Site site = inventory.siteOrNull(service.pool().get(i));
            SiteHealth h = health.siteAt(site.id(), now);
            boolean home = tenant != null && tenant.isHome(site.id());
            RankedSite r = scorer.score(site, i, h, key, clientRegion, p, home, now);
            all.add(r);
            switch (r.eligibility()) {
                case ELIGIBLE -> eligible.add(r);
                case DRAINING -> draining.add(r);
                default -> excluded.add(r);
            }
            if (h != null && h.serving()) {
                validUntil = Math.min(validUntil, h.expiresAtMillis());
            }
        }

        List<String> notes = new ArrayList<>(2);
        if (eligible.isEmpty() && draining.isEmpty()) {
            FailOpen.Result fo = FailOpen.select(p.failOpen(), all);
            notes.add(fo.note());
            List<RankedSite> rest = new ArrayList<>(all);
            rest.removeIf(s -> fo.answer().stream().anyMatch(a -> a.siteId().equals(s.siteId())));
            return new Ranking(service.name(), tenant == null ? null : tenant.label(), key, 0, fo.answer(), rest,
                    p.failOpen(), false, Hysteresis.notApplied("failing open"), notes, now, generation, validUntil);
        }
        boolean drainedOnly = eligible.isEmpty();
        List<RankedSite> answer = drainedOnly ? draining : eligible;
        if (drainedOnly) {
            notes.add("no active site is up: answering draining sites");
        } else {
            excluded.addAll(draining);
        }
        answer.sort(ORDER);

        boolean dependsOnClient = answer.size() > 1
                && (store.hasPrefixes(key.ipv6()) || topology.hasFamily(key.ipv6()));
        int scope = dependsOnClient ? key.length() : 0;
        HysteresisKey hKey = new HysteresisKey(service.name(), tenant == null ? null : tenant.label(),
                scope == key.length() ? key : key.truncate(scope));
        HysteresisState prev = hysteresis.get(hKey);
        Hysteresis.Decision d = Hysteresis.apply(answer, prev, p, now);
        hysteresis.update(hKey, prev, d.next(), now);
        validUntil = Math.min(validUntil, d.outcome().revisitAtMillis());
        excluded.sort(ORDER);
        return new Ranking(service.name(), tenant == null ? null : tenant.label(), key, scope, answer, excluded,
                null, drainedOnly, d.outcome(), notes, now, generation, validUntil);
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
