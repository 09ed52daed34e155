package net.voicegslb.gslb.common.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DelayLineTest {

    @Test
    void datagramsOfAFixedDelayLeaveInTheOrderOffered() {
        List<Integer> delivered = new CopyOnWriteArrayList<>();
        try (DelayLine line = new DelayLine("test-line", 1000)) {
            DelayLine.Lane lane = line.lane(new Impairment(5, 0, 0), 1);
            for (int i = 0; i < 200; i++) {
                int n = i;
                assertThat(lane.offer(() -> delivered.add(n))).isEqualTo(DelayLine.Outcome.HELD);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 200);
            assertThat(delivered).isSorted();
            assertThat(lane.held()).isEqualTo(200);
            assertThat(lane.lost()).isZero();
        }
    }

    @Test
    void aDatagramIsNotDeliveredBeforeItsDelay() {
        long[] at = new long[1];
        try (DelayLine line = new DelayLine("test-line", 10)) {
            long start = System.nanoTime();
            line.lane(new Impairment(40, 0, 0), 1).offer(() -> at[0] = System.nanoTime());
            await().atMost(Duration.ofSeconds(5)).until(() -> at[0] != 0);
            assertThat(at[0] - start).isGreaterThanOrEqualTo(40_000_000L);
        }
    }

    @Test
    void lossFollowsTheSeedExactly() {
        Impairment lossy = new Impairment(0, 2, 0.25);
        // The same draws, replayed: which offers the lane must lose.
        Random replay = new Random(42);
        int expectedLost = 0;
        for (int i = 0; i < 1000; i++) {
            expectedLost += lossy.holdNanos(replay) < 0 ? 1 : 0;
        }
        AtomicInteger delivered = new AtomicInteger();
        try (DelayLine line = new DelayLine("test-line", 2000)) {
            DelayLine.Lane lane = line.lane(lossy, 42);
            int lost = 0;
            for (int i = 0; i < 1000; i++) {
                lost += lane.offer(delivered::incrementAndGet) == DelayLine.Outcome.LOST ? 1 : 0;
            }
            assertThat(lost).isEqualTo(expectedLost).isBetween(200, 300);
            assertThat(lane.lost()).isEqualTo(expectedLost);
            int kept = 1000 - expectedLost;
            await().atMost(Duration.ofSeconds(5)).until(() -> delivered.get() == kept);
        }
    }

    @Test
    void atTheBoundFurtherDatagramsAreRefusedAndCounted() {
        AtomicInteger delivered = new AtomicInteger();
        try (DelayLine line = new DelayLine("test-line", 10)) {
            DelayLine.Lane a = line.lane(new Impairment(10_000, 0, 0), 1);
            DelayLine.Lane b = line.lane(new Impairment(10_000, 0, 0), 2);
            for (int i = 0; i < 15; i++) {
                a.offer(delivered::incrementAndGet);
            }
            assertThat(b.offer(delivered::incrementAndGet)).isEqualTo(DelayLine.Outcome.OVERFLOW);
            assertThat(line.overflow()).isEqualTo(6); // the bound is shared by every lane of the line
            assertThat(line.queued()).isEqualTo(10);
            assertThat(a.held()).isEqualTo(10);
        }
        assertThat(delivered.get()).isZero(); // closing discards what was still held
    }

    @Test
    void aChangedImpairmentAppliesToLaterDatagramsOnly() {
        List<String> delivered = new CopyOnWriteArrayList<>();
        try (DelayLine line = new DelayLine("test-line", 10)) {
            DelayLine.Lane lane = line.lane(new Impairment(300, 0, 0), 1);
            lane.offer(() -> delivered.add("slow"));
            lane.impair(new Impairment(0, 0, 0));
            lane.offer(() -> delivered.add("fast"));
            await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 2);
            assertThat(delivered).containsExactly("fast", "slow");
            lane.impair(new Impairment(0, 0, 1));
            assertThat(lane.offer(() -> delivered.add("gone"))).isEqualTo(DelayLine.Outcome.LOST);
        }
    }

    @Test
    void aFailingDeliveryIsCountedAndTheLineGoesOn() {
        AtomicInteger delivered = new AtomicInteger();
        try (DelayLine line = new DelayLine("test-line", 10)) {
            DelayLine.Lane lane = line.lane(Impairment.none(), 1);
            lane.offer(() -> {
                throw new java.io.IOException("closed");
            });
            lane.offer(delivered::incrementAndGet);
            await().atMost(Duration.ofSeconds(5)).until(() -> delivered.get() == 1);
            assertThat(line.failed()).isEqualTo(1);
        }
    }
}
