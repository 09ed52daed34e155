package net.voicegslb.gslb.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A list of 100,000 targets must not become a packet storm: simulated time, every probe counted. */
class ProbeSchedulerTest {

    static final long MS = 1_000_000L;

    @Test
    void aHundredThousandTargetsStayWithinTheGlobalAndPerTargetBounds() {
        int n = 100_000;
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            targets.add(i);
        }
        int[] perTarget = new int[n];
        long[] perSecond = new long[61];
        long[] now = {0};
        ProbeScheduler<Integer> s = new ProbeScheduler<>(200, 20, 60_000 * MS, 0.1, 50, new Random(1),
                t -> {
                    perTarget[t]++;
                    perSecond[(int) (now[0] / (1000 * MS))]++;
                }, 0);
        s.setTargets(targets, 0);
        for (now[0] = 0; now[0] < 60_000 * MS; now[0] += 10 * MS) {
            assertThat(s.tick(now[0])).isLessThanOrEqualTo(50);
        }
        // 200/s for 60 s plus the burst of 20
        assertThat(s.sent()).isBetween(11_900L, 12_020L);
        for (int sec = 0; sec < 60; sec++) {
            assertThat(perSecond[sec]).as("second %d", sec).isLessThanOrEqualTo(220);
        }
        for (int c : perTarget) {
            assertThat(c).isLessThanOrEqualTo(1); // per-target interval 60 s ± 10 %
        }
    }

    @Test
    void aShortListIsProbedOncePerIntervalWithJitter() {
        List<String> targets = List.of("a", "b", "c");
        List<Long> aTimes = new ArrayList<>();
        long[] now = {0};
        ProbeScheduler<String> s = new ProbeScheduler<>(1000, 100, 1000 * MS, 0.2, 100, new Random(2),
                t -> {
                    if (t.equals("a")) {
                        aTimes.add(now[0]);
                    }
                }, 0);
        s.setTargets(targets, 0);
        for (now[0] = 0; now[0] <= 10_000 * MS; now[0] += 10 * MS) {
            s.tick(now[0]);
        }
        assertThat(aTimes).hasSizeBetween(9, 12);
        for (int i = 1; i < aTimes.size(); i++) {
            long gap = aTimes.get(i) - aTimes.get(i - 1);
            assertThat(gap).isBetween(800 * MS, 1210 * MS);
        }
        assertThat(aTimes.stream().map(t -> (aTimes.get(aTimes.size() - 1) - t) % (1000 * MS)).distinct().count())
                .as("jittered, not a fixed grid").isGreaterThan(2);
    }
}
