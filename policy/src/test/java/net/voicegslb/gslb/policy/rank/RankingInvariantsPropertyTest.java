package net.voicegslb.gslb.policy.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.voicegslb.gslb.policy.model.RankingParameters;
import net.voicegslb.gslb.policy.support.Fixtures;
import net.voicegslb.gslb.policy.support.Lab;
import net.voicegslb.gslb.policy.telemetry.HealthFlag;

class RankingInvariantsPropertyTest {
    private static final String[] SITES = {"fra", "ams", "lon", "nyc"};

    /**
     * Random measurements over random prefixes, rankings that build up hysteresis state (so the
     * victim is often the current choice), then the victim goes down by self-report or by silence.
     * For every prefix, measured or not, it must never be first while another site is up.
     */
    @Property(tries = 60)
    void siteThatGoesDownIsNeverFirst(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int victimIndex,
                                      @ForAll boolean silently) {
        Random rnd = new Random(seed);
        Lab lab = new Lab(Fixtures.world(RankingParameters.defaults(), SITES));
        lab.allUp(0);
        String victim = SITES[victimIndex];
        List<String> prefixes = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            prefixes.add((rnd.nextBoolean() ? "10." : "172.") + rnd.nextInt(4) + "." + rnd.nextInt(256) + ".0/24");
        }
        for (long t = 3000; t < 12_000; t += 1000) {
            for (String p : prefixes) {
                String site = SITES[rnd.nextInt(SITES.length)];
                // the victim tends to be good, so hysteresis state usually holds it
                double rtt = site.equals(victim) ? 10 + rnd.nextInt(20) : 20 + rnd.nextInt(300);
                lab.measure(site, p, rtt, rnd.nextInt(10), rnd.nextDouble() * 0.02, 1 + rnd.nextInt(50), t);
                lab.rank(p.replace(".0/24", ".1"), t);
            }
        }
        long downAt = 12_000;
        for (String s : SITES) {
            if (!s.equals(victim)) {
                lab.heartbeatSite(s, downAt, 10, 0.1);
            } else if (!silently) {
                lab.heartbeatSite(s, downAt, 0, 0, HealthFlag.SIP_STACK_DOWN);
            }
        }
        long t = silently ? 17_001 : downAt; // silence: the victim's last heartbeat was at 2 s
        for (String p : prefixes) {
            assertNotFirst(lab.rank(p.replace(".0/24", ".1"), t), victim);
            assertNotFirst(lab.rank(p, t), victim);
        }
        for (int i = 0; i < 50; i++) {
            assertNotFirst(lab.rank("10." + rnd.nextInt(256) + "." + rnd.nextInt(256) + ".7", t), victim);
        }
    }

    private static void assertNotFirst(Ranking r, String victim) {
        assertThat(r.failOpen()).isNull();
        assertThat(r.best().siteId()).isNotEqualTo(victim);
        assertThat(r.answer()).extracting(RankedSite::siteId).doesNotContain(victim);
    }

    /** Whatever the state, answered sites are eligible and excluded ones are never answered. */
    @Property(tries = 60)
    void answerHoldsOnlyEligibleSites(@ForAll long seed) {
        Random rnd = new Random(seed);
        Lab lab = new Lab(Fixtures.world(RankingParameters.defaults(), SITES));
        lab.allUp(0);
        for (String s : SITES) {
            int roll = rnd.nextInt(4);
            if (roll == 0) {
                lab.heartbeatSite(s, 3000, 0, 0, HealthFlag.RTP_ENGINE_DOWN);
            } else if (roll == 1) {
                lab.heartbeatSite(s, 3000, 499, 0.1); // 99.8 % full
            } else {
                lab.heartbeatSite(s, 3000, rnd.nextInt(450), rnd.nextDouble() * 0.9);
            }
            lab.measure(s, "10.0.0.0/24", 10 + rnd.nextInt(400), rnd.nextInt(30), rnd.nextDouble() * 0.1, 20, 3000);
        }
        Ranking r = lab.rank("10.0.0.1", 4000);
        if (r.failOpen() == null) {
            assertThat(r.answer()).isNotEmpty().allSatisfy(s -> assertThat(s.eligibility()).isEqualTo(Eligibility.ELIGIBLE));
            assertThat(r.notAnswered()).allSatisfy(s -> assertThat(s.eligibility().excluded()).isTrue());
            for (int i = 1; i < r.answer().size(); i++) {
                assertThat(r.answer().get(i - 1).sortScore()).isGreaterThanOrEqualTo(r.answer().get(i).sortScore());
            }
        } else {
            assertThat(r.answer()).isNotEmpty();
            assertThat(r.notAnswered().stream().anyMatch(s -> s.eligibility() == Eligibility.ELIGIBLE)).isFalse();
        }
    }
}
