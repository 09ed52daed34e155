package net.voicegslb.gslb.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Loss settlement, late and duplicate answers, and the RFC 3550 jitter estimator, on a fake clock. */
class StampSessionTest {

    static final long MS = 1_000_000L;
    final StampSession s = new StampSession(500 * MS);

    @Test
    void unansweredPacketsAreLostOnlyAfterTheTimeout() {
        long a = s.onSend(0, 100);
        s.onSend(10 * MS, 200);
        assertThat(s.onAnswer(a, 100, 30 * MS, 30 * MS)).isTrue();
        PathWindow early = s.takeWindow(100 * MS);
        assertThat(early.settled()).isEqualTo(1); // the second is still in flight
        assertThat(early.lost()).isZero();
        assertThat(early.rttMeanMillis()).isEqualTo(30.0);
        PathWindow later = s.takeWindow(600 * MS);
        assertThat(later.settled()).isEqualTo(1);
        assertThat(later.lost()).isEqualTo(1);
        assertThat(later.lossRatio()).isEqualTo(1.0);
        assertThat(later.rttSamples()).isZero();
        assertThat(later.rttMeanMillis()).isNaN();
    }

    @Test
    void answersAfterTheTimeoutAreLateAndLost() {
        long a = s.onSend(0, 100);
        assertThat(s.onAnswer(a, 100, 700 * MS, 700 * MS)).isTrue();
        PathWindow w = s.takeWindow(800 * MS);
        assertThat(w.late()).isEqualTo(1);
        assertThat(w.lost()).isEqualTo(1);
        assertThat(w.rttSamples()).isZero();
    }

    @Test
    void duplicatesAndForeignTimestampsAreNotSamples() {
        long a = s.onSend(0, 100);
        assertThat(s.onAnswer(a, 100, 20 * MS, 20 * MS)).isTrue();
        assertThat(s.onAnswer(a, 100, 21 * MS, 21 * MS)).isTrue();
        assertThat(s.onAnswer(a, 999, 22 * MS, 22 * MS)).as("timestamp we never sent").isFalse();
        assertThat(s.onAnswer(a + 5, 100, 22 * MS, 22 * MS)).as("sequence we never sent").isFalse();
        PathWindow w = s.takeWindow(30 * MS);
        assertThat(w.rttSamples()).isEqualTo(1);
        assertThat(w.duplicates()).isEqualTo(1);
    }

    @Test
    void jitterIsTheRfc3550EstimatorOverRoundTrips() {
        double j = 0;
        long[] rtts = {30, 34, 29, 31, 40, 30};
        for (int i = 0; i < rtts.length; i++) {
            long seq = s.onSend(i * 10 * MS, i + 1);
            s.onAnswer(seq, i + 1, i * 10 * MS + rtts[i] * MS, rtts[i] * MS);
            if (i > 0) {
                j += (Math.abs(rtts[i] - rtts[i - 1]) - j) / 16.0;
            }
        }
        assertThat(s.takeWindow(100 * MS).jitterMillis()).isCloseTo(j, within(1e-9));
    }

    @Test
    void answersAreMatchedByTheLow32BitsOfTheSequence() {
        StampSession big = new StampSession(500 * MS);
        for (int i = 0; i < 3; i++) {
            big.onSend(i, 10 + i);
        }
        assertThat(big.onAnswer(0x1_0000_0002L & 0xFFFF_FFFFL, 12, 5, 5)).isTrue();
    }

    @Test
    void aFullRingSettlesTheOldestFirst() {
        for (int i = 0; i < StampSession.RING + 10; i++) {
            s.onSend(i, i + 1);
        }
        PathWindow w = s.takeWindow(StampSession.RING + 10);
        assertThat(w.settled()).isEqualTo(10);
        assertThat(w.lost()).isEqualTo(10);
    }
}
