package net.voicegslb.gslb.pbx.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtpReceptionTest {

    private static final long MS = 1_000_000L;

    @Test
    void lossIsExpectedMinusReceivedAcrossTheSequenceWrap() {
        RtpReception r = new RtpReception();
        // 65530 .. 65535, 0 .. 9 with 65533 and 2 lost
        long at = 0;
        for (int i = 0; i < 16; i++) {
            int seq = (65530 + i) & 0xffff;
            if (seq != 65533 && seq != 2) {
                r.onRtp(seq, 160L * i, 42, at);
            }
            at += 20 * MS;
        }
        assertThat(r.expected()).isEqualTo(16);
        assertThat(r.received()).isEqualTo(14);
        assertThat(r.lost()).isEqualTo(2);
        ReportBlock b = r.report(at);
        assertThat(b.sourceSsrc()).isEqualTo(42);
        assertThat(b.cumulativeLost()).isEqualTo(2);
        assertThat(b.extendedHighestSequence()).isEqualTo(0x1_0009L);
        assertThat(b.fractionLost()).isEqualTo(2 * 256 / 16);
        assertThat(r.report(at).fractionLost()).isZero(); // a new interval with nothing in it
    }

    @Test
    void aLateReorderedPacketCountsAsReceivedNotAsANewHighest() {
        RtpReception r = new RtpReception();
        r.onRtp(10, 0, 1, 0);
        r.onRtp(12, 320, 1, 40 * MS);
        r.onRtp(11, 160, 1, 45 * MS);
        assertThat(r.expected()).isEqualTo(3);
        assertThat(r.lost()).isZero();
    }

    @Test
    void steadyPacingHasNoJitterAndAVariedOneHas() {
        RtpReception steady = new RtpReception();
        RtpReception varied = new RtpReception();
        for (int i = 0; i < 100; i++) {
            steady.onRtp(i, 160L * i, 1, i * 20 * MS);
            varied.onRtp(i, 160L * i, 1, i * 20 * MS + (i % 2) * 10 * MS);
        }
        assertThat(steady.report(0).jitter()).isZero();
        // alternating 10 ms = 80 timestamp units of transit difference: the estimate tends to 80
        assertThat(varied.report(0).jitter()).isBetween(70L, 80L);
    }

    @Test
    void theReportEchoesTheLastSenderReportWithTheDelaySinceIt() {
        RtpReception r = new RtpReception();
        r.onRtp(1, 0, 5, 0);
        assertThat(r.report(0).lastSr()).isZero();
        long ntp = RtpPackets.ntp(1_700_000_000_000L);
        r.onSenderReport(ntp, 1_000 * MS);
        ReportBlock b = r.report(1_500 * MS);
        assertThat(b.lastSr()).isEqualTo(RtpPackets.middle32(ntp));
        assertThat(b.delaySinceLastSr()).isEqualTo(65_536 / 2); // half a second in 1/65536 s
    }

    @Test
    void nothingReceivedMeansNoReportBlock() {
        assertThat(new RtpReception().report(0)).isNull();
    }
}
