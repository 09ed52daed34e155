package net.voicegslb.gslb.dns.gslb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RankingBudgetTest {

    private static int taken(RankingBudget b, long nowMillis, int tries) {
        int n = 0;
        for (int i = 0; i < tries; i++) {
            if (b.tryTake(nowMillis)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aFullSecondIsAvailableAtOnceThenTheRate() {
        RankingBudget b = new RankingBudget(100);
        long t = 1_700_000_000_000L;
        assertThat(taken(b, t, 1_000)).isEqualTo(100);
        assertThat(taken(b, t + 50, 1_000)).isEqualTo(5);
        assertThat(taken(b, t + 1_050, 1_000)).as("an idle second refills, never beyond one second").isEqualTo(100);
    }

    @Test
    void zeroMeansNeverOnTheQueryPath() {
        assertThat(taken(new RankingBudget(0), 1_700_000_000_000L, 10)).isZero();
    }

    @Test
    void concurrentTakersNeverExceedTheBudget() throws Exception {
        RankingBudget b = new RankingBudget(1_000);
        java.util.concurrent.atomic.AtomicInteger total = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> total.addAndGet(taken(b, 1_700_000_000_000L, 10_000)));
            threads[i].start();
        }
        for (Thread th : threads) {
            th.join(10_000);
        }
        assertThat(total.get()).isEqualTo(1_000);
    }
}
