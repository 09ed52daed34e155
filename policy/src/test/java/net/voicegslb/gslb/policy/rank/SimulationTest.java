package net.voicegslb.gslb.policy.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.voicegslb.gslb.policy.model.RankingParameters;
import net.voicegslb.gslb.policy.quality.Codec;
import net.voicegslb.gslb.policy.quality.EModel;
import net.voicegslb.gslb.policy.support.Fixtures;
import net.voicegslb.gslb.policy.support.Lab;

/**
 * Simulated time: agents report every {@value #REPORT_MILLIS} ms with noisy batch means, nodes
 * heartbeat, and a DNS client asks every second (every 100 ms for the step test).
 */
class SimulationTest {
    static final long REPORT_MILLIS = 5_000;
    /** One call's RTP over a report window: 50 packets/s for 5 s. */
    static final int SAMPLES = 250;
    static final String PREFIX = "192.0.2.0/24";
    static final String CLIENT = "192.0.2.10";

    /** Batch mean of a noisy path: Gaussian RTT/jitter noise, loss drawn as a binomial share. */
    private static void report(Lab lab, Random rnd, String site, double rtt, double jitter, double loss, long t) {
        report(lab, rnd, site, rtt, jitter, loss, t, SAMPLES);
    }

    private static void report(Lab lab, Random rnd, String site, double rtt, double jitter, double loss, long t,
                               int samples) {
        double r = Math.max(1, rtt + rnd.nextGaussian() * 6);
        double j = Math.max(0, jitter + rnd.nextGaussian() * 1.5);
        int lost = 0;
        for (int i = 0; i < samples; i++) {
            lost += rnd.nextDouble() < loss ? 1 : 0;
        }
        lab.measure(site, PREFIX, r, j, (double) lost / samples, samples, t);
    }

    private static int switchesInNoisyHour(long seed, RankingParameters params) {
        Lab lab = new Lab(Fixtures.world(params, "fra", "ams"));
        Random rnd = new Random(seed);
        lab.allUp(0);
        String best = null;
        int switches = 0;
        for (long t = 3000; t <= 3000 + 3_600_000; t += 1000) {
            if (t % REPORT_MILLIS == 0) {
                lab.heartbeatAll(t);
                // Near-equal sites: about 0.02 MOS apart on average, noise of similar size.
                report(lab, rnd, "fra", 40, 3, 0.004, t);
                report(lab, rnd, "ams", 44, 3, 0.004, t);
            }
            String now = lab.rank(CLIENT, t).best().siteId();
            if (best != null && !best.equals(now)) {
                switches++;
            }
            best = now;
        }
        return switches;
    }

    @Property(tries = 8)
    void noisyHourBetweenNearEqualSitesSwitchesAtMostTwice(@ForAll long seed) {
        assertThat(switchesInNoisyHour(seed, RankingParameters.defaults())).isLessThanOrEqualTo(2);
    }

    @Property(tries = 3)
    void withoutHysteresisTheSameNoiseFlaps(@ForAll long seed) {
        // Guards the test above against being vacuous: the noise is real enough to flap on its own.
        RankingParameters none = RankingParameters.defaults().withHysteresis(0, 0);
        assertThat(switchesInNoisyHour(seed, none)).isGreaterThan(20);
    }

    @Property(tries = 12)
    void delayStepMovesChoiceWithinHoldPlusTwoReports(@ForAll long seed,
                                                     @ForAll @IntRange(min = 2, max = 60) int stepReport) {
        // A route change: fra's RTT jumps from 40 to 450 ms; ams sits at 200 ms throughout.
        assertStepMovesChoice(seed, stepReport, new double[] {40, 0}, new double[] {450, 0}, SAMPLES);
    }

    @Property(tries = 12)
    void lossStepMovesChoiceWithinHoldPlusTwoReports(@ForAll long seed,
                                                    @ForAll @IntRange(min = 2, max = 60) int stepReport) {
        // Upstream starts dropping 3.5 % of fra's packets. Loss is binomial noise itself, so the
        // reports carry four calls' worth of packets (1000) to make the step unambiguous.
        assertStepMovesChoice(seed, stepReport, new double[] {40, 0}, new double[] {40, 0.035}, 4 * SAMPLES);
    }

    /** {rtt, loss} of fra before and after the step; ams stays at 200 ms RTT without loss. */
    private static void assertStepMovesChoice(long seed, int stepReport, double[] before, double[] after, int samples) {
        RankingParameters p = RankingParameters.defaults();
        EModel eModel = new EModel();
        double ams = eModel.mos(200, 3, 0, Codec.G711_PLC);
        double fraBefore = eModel.mos(before[0], 3, before[1], Codec.G711_PLC);
        double fraAfter = eModel.mos(after[0], 3, after[1], Codec.G711_PLC);
        assertThat(fraBefore - fraAfter).isGreaterThanOrEqualTo(0.3); // the scenario really is a >= 0.3 MOS step
        assertThat(fraBefore).isGreaterThan(ams);
        assertThat(ams).isGreaterThan(fraAfter + p.hysteresisMarginMos());

        Lab lab = new Lab(Fixtures.world(p, "fra", "ams"));
        Random rnd = new Random(seed);
        lab.allUp(0);
        long step = 5000 + stepReport * REPORT_MILLIS; // the network changes at the start of a report window
        Long switchedAt = null;
        for (long t = 5000; t <= step + 60_000 && switchedAt == null; t += 100) {
            if (t % REPORT_MILLIS == 0) {
                lab.heartbeatAll(t);
                double[] fra = t > step ? after : before; // this report's window lies after the step
                report(lab, rnd, "fra", fra[0], 3, fra[1], t, samples);
                report(lab, rnd, "ams", 200, 3, 0.0, t, samples);
            }
            String best = lab.rank(CLIENT, t).best().siteId();
            if (t <= step) {
                assertThat(best).isEqualTo("fra");
            } else if (best.equals("ams")) {
                switchedAt = t;
            }
        }
        assertThat(switchedAt).isNotNull();
        // Hold plus two reports: the store blends the first window after the step with the history
        // before it, so a step near the margin can register one report late (seed 4307646028733400644
        // with the loss step: lead 0.07 MOS after the first report, 0.36 after the second).
        assertThat(switchedAt - step).isLessThanOrEqualTo(p.holdMillis() + 2 * REPORT_MILLIS);
    }
}
