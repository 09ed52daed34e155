package net.voicegslb.gslb.policy.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import net.voicegslb.gslb.policy.health.SiteHealth;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.rank.HysteresisOutcome;
import net.voicegslb.gslb.policy.rank.RankedSite;
import net.voicegslb.gslb.policy.rank.Ranking;

/**
 * Compares two what-if rankings of the same clients, as they are and as they would be, and sums up
 * the moves. Pure: the rankings and site health come in as functions.
 */
public final class ChangePreview {

    private ChangePreview() {
    }

    /**
     * @param now    a client's ranking as things are (hysteresis read, not recorded)
     * @param after  its ranking with the change applied (likewise)
     * @param health a site's health now, or null
     */
    public static AdminPreview.ServiceMoves service(String service, List<WeightedClient> clients,
            Function<ClientPrefix, Ranking> now, Function<ClientPrefix, Ranking> after,
            Function<String, SiteHealth> health) {
        record Key(String from, String to, boolean afterHold) { }
        Map<Key, long[]> moves = new LinkedHashMap<>(); // {clients, weight}
        Map<String, Long> answeredWeight = new HashMap<>();
        long total = 0;
        for (WeightedClient c : clients) {
            total += c.weight();
            Ranking before = now.apply(c.prefix());
            Ranking changed = after.apply(c.prefix());
            String from = first(before);
            if (from != null) {
                answeredWeight.merge(from, c.weight(), Long::sum);
            }
            String to = first(changed);
            boolean afterHold = false;
            String pending = pendingChallenger(changed);
            if (Objects.equals(to, from) && pending != null && !pending.equals(pendingChallenger(before))) {
                to = pending;
                afterHold = true;
            }
            if (from != null && !Objects.equals(from, to)) {
                long[] sum = moves.computeIfAbsent(new Key(from, to, afterHold), k -> new long[2]);
                sum[0]++;
                sum[1] += c.weight();
            }
        }
        List<AdminPreview.Move> list = new ArrayList<>();
        moves.forEach((k, v) -> list.add(new AdminPreview.Move(k.from(), k.to(), (int) v[0], v[1], k.afterHold())));
        list.sort(Comparator.comparingLong(AdminPreview.Move::weight).reversed()
                .thenComparing(AdminPreview.Move::fromSite));
        return new AdminPreview.ServiceMoves(service, clients.size(), total, list, load(list, answeredWeight, health));
    }

    /**
     * Each site's calls move with the share of its queries that moves: a site answering 40 % of its
     * clients' queries elsewhere hands over about 40 % of its calls as they renew.
     */
    private static List<AdminPreview.SiteLoad> load(List<AdminPreview.Move> moves, Map<String, Long> answeredWeight,
            Function<String, SiteHealth> health) {
        Set<String> sites = new LinkedHashSet<>();
        Map<String, Double> delta = new HashMap<>();
        for (AdminPreview.Move m : moves) {
            sites.add(m.fromSite());
            SiteHealth from = health.apply(m.fromSite());
            long answered = answeredWeight.getOrDefault(m.fromSite(), 0L);
            double calls = from == null || answered == 0 ? 0 : from.activeCalls() * (double) m.weight() / answered;
            delta.merge(m.fromSite(), -calls, Double::sum);
            if (m.toSite() != null) {
                sites.add(m.toSite());
                delta.merge(m.toSite(), calls, Double::sum);
            }
        }
        List<AdminPreview.SiteLoad> out = new ArrayList<>();
        for (String site : sites) {
            SiteHealth h = health.apply(site);
            if (h == null || h.healthyCapacityCalls() <= 0) {
                out.add(new AdminPreview.SiteLoad(site, Double.NaN, Double.NaN));
            } else {
                double after = Math.max(0, h.utilization() + delta.getOrDefault(site, 0.0) / h.healthyCapacityCalls());
                out.add(new AdminPreview.SiteLoad(site, h.utilization(), after));
            }
        }
        return out;
    }

    private static String first(Ranking r) {
        RankedSite best = r.best();
        return best == null ? null : best.siteId();
    }

    private static String pendingChallenger(Ranking r) {
        HysteresisOutcome h = r.hysteresis();
        return h != null && h.kind() == HysteresisOutcome.Kind.CHALLENGER_PENDING ? h.challenger() : null;
    }
}
