package net.voicegslb.gslb.policy.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.voicegslb.gslb.policy.model.AdminState;
import net.voicegslb.gslb.policy.model.RankingParameters;
import net.voicegslb.gslb.policy.model.Site;
import org.junit.jupiter.api.Test;

class HysteresisTest {

    private final RankingParameters p = RankingParameters.defaults();

    @Test
    void aSiteBeatenByTwoAlternativesThatTradePlacesIsLeftAfterTheHold() {
        // sin lost a tenth of its packets; fra and nyc are both far better and swap first place by
        // noise at every report. The hold measures how long sin has been beaten, not which site led.
        HysteresisState state = new HysteresisState("sin", null, 0, 0);
        long t = 0;
        String first = "sin";
        for (int report = 0; report * 1000L <= p.holdMillis() + 1000; report++) {
            t = report * 1000L;
            boolean fraAhead = report % 2 == 0;
            List<RankedSite> sorted = sorted(2.6, fraAhead ? 4.17 : 4.04, fraAhead ? 4.04 : 4.17);
            Hysteresis.Decision d = Hysteresis.apply(sorted, state, p, t);
            first = sorted.get(0).siteId();
            state = d.next();
            if (t < p.holdMillis()) {
                assertThat(first).as("kept during the hold, at %d ms", t).isEqualTo("sin");
                assertThat(d.outcome().kind()).isEqualTo(HysteresisOutcome.Kind.CHALLENGER_PENDING);
                assertThat(d.outcome().challengerSinceMillis()).isZero();
            }
        }
        assertThat(first).isIn("fra", "nyc");
    }

    @Test
    void aBreakInTheLeadRestartsTheHold() {
        HysteresisState state = new HysteresisState("sin", null, 0, 0);
        state = Hysteresis.apply(sorted(4.0, 4.3, 4.0), state, p, 0).next();
        state = Hysteresis.apply(sorted(4.0, 4.05, 4.0), state, p, 5_000).next(); // within the margin
        Hysteresis.Decision d = Hysteresis.apply(sorted(4.0, 4.3, 4.0), state, p, 6_000);
        assertThat(d.outcome().challengerSinceMillis()).isEqualTo(6_000);
        List<RankedSite> later = sorted(4.0, 4.3, 4.0);
        Hysteresis.apply(later, d.next(), p, 6_000 + p.holdMillis() - 1);
        assertThat(later.get(0).siteId()).isEqualTo("sin");
    }

    private static List<RankedSite> sorted(double sin, double fra, double nyc) {
        List<RankedSite> l = new ArrayList<>(List.of(site("sin", 0, sin), site("fra", 1, fra), site("nyc", 2, nyc)));
        l.sort(Ranker.ORDER);
        return l;
    }

    private static RankedSite site(String id, int index, double score) {
        return new RankedSite(new Site(id, "r", AdminState.ACTIVE, 100), Eligibility.ELIGIBLE, null, List.of(),
                EvidenceKind.CONFIGURED_ORDER, null, score, 0, 0, 0, 0, score, index);
    }
}
