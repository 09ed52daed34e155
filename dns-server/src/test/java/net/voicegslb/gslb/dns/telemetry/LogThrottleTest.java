package net.voicegslb.gslb.dns.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogThrottleTest {

    @Test
    void oneLinePerIntervalTellingHowManyWereHeldBack() {
        LogThrottle t = new LogThrottle(1_000);
        assertThat(t.allow(-5_000)).isZero();
        assertThat(t.allow(-4_999)).isEqualTo(-1);
        assertThat(t.allow(-4_500)).isEqualTo(-1);
        assertThat(t.allow(-4_000)).isEqualTo(2);
        assertThat(t.allow(10_000)).isZero();
    }
}
