package net.voicegslb.gslb.rtp.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Hand-computed RFC 3550 A.1/A.3/A.8 cases. Remember A.1's probation: the first packet of a source
 * only arms it (MIN_SEQUENTIAL = 2) and is never counted, the second becomes base_seq.
 */
class ReceptionStatsTest {

    private static final long SSRC = 0x1234;

    private final ReceptionStats stats = new ReceptionStats(8000);

    private void receive(int... seqs) {
        for (int seq : seqs) {
            stats.onPacket(SSRC, seq, 160L * seq, 160, 20_000L * seq);
        }
    }

    @Test
    void inOrderSequenceLosesNothing() {
        receive(100, 101, 102, 103, 104, 105, 106, 107, 108, 109);
        assertThat(stats.expected()).isEqualTo(9);
        assertThat(stats.received()).isEqualTo(9);
        assertThat(stats.cumulativeLost()).isZero();
        assertThat(stats.octets()).isEqualTo(9 * 160);
    }

    @Test
    void countsGapsAndIntervalFraction() {
        receive(100, 101, 102, 104, 105, 108);
        assertThat(stats.expected()).isEqualTo(8);       // 101..108
        assertThat(stats.received()).isEqualTo(5);
        assertThat(stats.cumulativeLost()).isEqualTo(3); // 103, 106, 107
        IntervalLoss first = stats.closeInterval();
        assertThat(first).isEqualTo(new IntervalLoss(8, 3, 3 * 256 / 8));
        receive(109, 110);
        assertThat(stats.closeInterval()).isEqualTo(new IntervalLoss(2, 0, 0));
        receive(113);
        assertThat(stats.closeInterval()).isEqualTo(new IntervalLoss(3, 2, 2 * 256 / 3));
        assertThat(stats.cumulativeLost()).isEqualTo(5);
    }

    @Test
    void reorderedPacketIsNotLost() {
        receive(100, 101, 102, 104, 103, 105);
        assertThat(stats.expected()).isEqualTo(5);
        assertThat(stats.received()).isEqualTo(5);
        assertThat(stats.cumulativeLost()).isZero();
        assertThat(stats.duplicates()).isZero();
    }

    @Test
    void duplicatesAreCountedApartAndCannotHideLoss() {
        receive(100, 101, 102, 102, 103, 101, 105, 105);
        assertThat(stats.expected()).isEqualTo(5);       // 101..105
        assertThat(stats.received()).isEqualTo(4);       // 101, 102, 103, 105
        assertThat(stats.duplicates()).isEqualTo(3);
        // A raw RR would say 5 - 7 = -2 lost; we say 104 is missing.
        assertThat(stats.cumulativeLost()).isEqualTo(1);
    }

    @Test
    void sequenceWrapAddsACycle() {
        receive(65533, 65534, 65535, 0, 1, 2);
        assertThat(stats.extendedMaxSequence()).isEqualTo(65536 + 2);
        assertThat(stats.expected()).isEqualTo(5);       // 65534..65538
        assertThat(stats.received()).isEqualTo(5);
    }

    @Test
    void reorderingAndLossAcrossTheWrap() {
        receive(65534, 65535, 1, 0, 3);
        assertThat(stats.expected()).isEqualTo(5);       // 65535, 0, 1, 2, 3
        assertThat(stats.received()).isEqualTo(4);
        assertThat(stats.cumulativeLost()).isEqualTo(1);
    }

    @Test
    void singleWildJumpIsIgnored() {
        receive(100, 101, 102, 40000, 103);
        assertThat(stats.expected()).isEqualTo(3);
        assertThat(stats.received()).isEqualTo(3);
    }

    @Test
    void twoSequentialPacketsAfterAJumpRestartTheSequence() {
        receive(100, 101, 102, 5000, 5001, 5002);
        assertThat(stats.expected()).isEqualTo(2);       // 5001, 5002: the sender restarted
        assertThat(stats.received()).isEqualTo(2);
    }

    @Test
    void probationRestartsOnNonSequentialStart() {
        receive(100, 200, 201, 202);
        assertThat(stats.expected()).isEqualTo(2);       // base 201
        assertThat(stats.received()).isEqualTo(2);
    }

    @Test
    void newSsrcStartsOver() {
        receive(100, 101, 102, 104);
        stats.onPacket(0x9999, 7, 0, 160, 1_000_000);
        stats.onPacket(0x9999, 8, 160, 160, 1_020_000);
        assertThat(stats.ssrc()).isEqualTo(0x9999);
        assertThat(stats.expected()).isEqualTo(1);
        assertThat(stats.cumulativeLost()).isZero();
    }

    @Test
    void jitterFollowsA8WithKnownTiming() {
        // 20 ms packets (160 units at 8 kHz); the 4th arrives 5 ms late (40 units).
        long[] arrivalMs = {0, 20, 40, 65, 80, 100};
        for (int i = 0; i < arrivalMs.length; i++) {
            stats.onPacket(SSRC, i + 1, 160L * i, 160, arrivalMs[i] * 1000);
        }
        // Integer A.8: J16 = 0 -> 0 -> 40 -> 40+40-3 = 77 -> 77-5 = 72, i.e. 4.5 units = 0.5625 ms.
        assertThat(stats.jitter()).isEqualTo(4);
        assertThat(stats.jitterMillis()).isEqualTo(0.5625);
        // The floating-point form J += (|D| - J) / 16 gives 4.541 units: the integer form tracks it.
        assertThat(stats.jitterMillis()).isCloseTo(4.541 / 8, within(0.01));
    }

    @Test
    void jitterIgnoresTimestampWrap() {
        long ts = 0xFFFF_FF00L;
        for (int i = 0; i < 20; i++) {
            stats.onPacket(SSRC, i, (ts + 160L * i) & 0xFFFF_FFFFL, 160, 20_000L * i);
        }
        assertThat(stats.jitter()).isZero();
    }

    @Test
    void jitterOfSteadilyLateArrivalsConvergesToTheDelayDifference() {
        // Arrivals alternate 0 and 10 ms late: |D| is always 80 units, so J converges to 80.
        for (int i = 0; i < 400; i++) {
            long late = (i % 2) * 10_000L;
            stats.onPacket(SSRC, i, 160L * i, 160, 20_000L * i + late);
        }
        assertThat(stats.jitter()).isBetween(78L, 80L);
        assertThat(stats.jitterMillis()).isCloseTo(10.0, within(0.3));
    }
}
