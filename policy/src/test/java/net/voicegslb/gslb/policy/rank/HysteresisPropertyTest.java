package net.voicegslb.gslb.policy.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.voicegslb.gslb.policy.model.AdminState;
import net.voicegslb.gslb.policy.model.RankingParameters;
import net.voicegslb.gslb.policy.model.Site;

/** The hysteresis rule checked against a recorded history of evaluations, not re-implemented. */
class HysteresisPropertyTest {
    private static final String[] IDS = {"a", "b", "c"};

    private record Eval(long t, String top, double[] scores, String first) {
    }

    @Property(tries = 300)
    void switchesOnlyAfterMarginHeldForHoldTime(@ForAll long seed) {
        Random rnd = new Random(seed);
        RankingParameters p = RankingParameters.defaults();
        HysteresisState state = null;
        List<Eval> history = new ArrayList<>();
        long t = 0;
        int switches = 0;
        double[] base = {4.2, 4.2, 4.2};
        for (int step = 0; step < 200; step++) {
            t += 1 + rnd.nextInt(4000); // distinct times, so "since" names one evaluation
            double[] scores = new double[IDS.length];
            for (int i = 0; i < IDS.length; i++) {
                if (rnd.nextInt(20) == 0) {
                    base[i] = 4.0 + rnd.nextInt(40) / 100.0; // regime change: leads that persist
                }
                // noise around the base: leads near the 0.1 margin come and go
                scores[i] = base[i] + (rnd.nextInt(7) - 3) / 100.0;
            }
            List<RankedSite> sorted = new ArrayList<>();
            for (int i = 0; i < IDS.length; i++) {
                sorted.add(site(IDS[i], i, scores[i]));
            }
            sorted.sort(Ranker.ORDER);
            String top = sorted.get(0).siteId();
            Hysteresis.Decision d = Hysteresis.apply(sorted, state, p, t);
            String first = sorted.get(0).siteId();
            assertThat(first).isEqualTo(d.outcome().current());
            assertThat(d.next().current()).isEqualTo(first);
            if (state != null && !first.equals(state.current())) {
                switches++;
                String old = state.current();
                // A switch: the old site must have been beaten by the margin (by whichever site was the
                // top then) at every evaluation of the last hold time and at the one that started it,
                // and the new first site is the top now, leading the old one by the margin.
                long since = d.outcome().challengerSinceMillis();
                assertThat(t - since).isGreaterThanOrEqualTo(p.holdMillis());
                for (Eval e : history) {
                    if (e.t() >= since) {
                        assertThat(e.first()).isEqualTo(old);
                        assertThat(score(e, e.top()) - score(e, old)).isGreaterThanOrEqualTo(p.hysteresisMarginMos());
                    }
                }
                assertThat(first).isEqualTo(top);
                assertThat(scoreOf(scores, first) - scoreOf(scores, old)).isGreaterThanOrEqualTo(p.hysteresisMarginMos());
            }
            if (state != null && first.equals(state.current()) && !first.equals(top)) {
                // Kept while not the top: fine only within the margin or during a pending hold.
                assertThat(d.outcome().kind()).isIn(HysteresisOutcome.Kind.HELD_WITHIN_MARGIN,
                        HysteresisOutcome.Kind.CHALLENGER_PENDING);
            }
            history.add(new Eval(t, top, scores, first));
            state = d.next();
        }
        // Not vacuous: most runs must contain switches for the checks above to bite.
        Statistics.collect(switches > 0);
        Statistics.coverage(c -> c.check(true).percentage(pct -> pct > 50));
    }

    private static double score(Eval e, String id) {
        return scoreOf(e.scores(), id);
    }

    private static double scoreOf(double[] scores, String id) {
        return scores[List.of(IDS).indexOf(id)];
    }

    private static RankedSite site(String id, int index, double score) {
        return new RankedSite(new Site(id, "r", AdminState.ACTIVE, 100), Eligibility.ELIGIBLE, null, List.of(),
                EvidenceKind.CONFIGURED_ORDER, null, score, 0, 0, 0, 0, score, index);
    }
}
