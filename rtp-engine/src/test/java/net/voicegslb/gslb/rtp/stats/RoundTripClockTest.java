package net.voicegslb.gslb.rtp.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoundTripClockTest {

    private static final long S = 1_000_000_000L;

    @Test
    void rttIsArrivalMinusDepartureMinusDlsr() {
        RoundTripClock clock = new RoundTripClock();
        clock.onSenderReportSent(0x2c4a8000L, 1 * S);
        // Peer held the SR for 0.1 s (6554/65536 s), answered; the RR reached us 0.3 s after the SR left.
        long rtt = clock.onReportBlock(0x2c4a8000L, 6554, 1 * S + 300_000_000L);
        assertThat(rtt).isEqualTo(300_000_000L - 6554L * S / 65536);
        assertThat(clock.lastRttNanos()).isEqualTo(rtt);
    }

    @Test
    void matchesOlderSenderReports() {
        RoundTripClock clock = new RoundTripClock();
        clock.onSenderReportSent(111, 1 * S);
        clock.onSenderReportSent(222, 2 * S);
        assertThat(clock.onReportBlock(111, 0, 2 * S + 500)).isEqualTo(S + 500);
    }

    @Test
    void ignoresUnknownZeroAndImpossibleEchoes() {
        RoundTripClock clock = new RoundTripClock();
        clock.onSenderReportSent(111, 1 * S);
        assertThat(clock.onReportBlock(999, 0, 2 * S)).isEqualTo(-1);
        assertThat(clock.onReportBlock(0, 0, 2 * S)).isEqualTo(-1);
        assertThat(clock.onReportBlock(111, 65536 * 5, 2 * S)).isEqualTo(-1); // DLSR 5 s > 1 s elapsed
        assertThat(clock.lastRttNanos()).isEqualTo(-1);
    }

    @Test
    void forgetsAfterEightNewerReports() {
        RoundTripClock clock = new RoundTripClock();
        for (int i = 1; i <= 9; i++) {
            clock.onSenderReportSent(i, i * S);
        }
        assertThat(clock.onReportBlock(1, 0, 10 * S)).isEqualTo(-1);
        assertThat(clock.onReportBlock(2, 0, 10 * S)).isEqualTo(8 * S);
    }
}
