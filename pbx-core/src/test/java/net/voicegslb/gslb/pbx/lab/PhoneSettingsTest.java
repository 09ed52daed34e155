package net.voicegslb.gslb.pbx.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PhoneSettingsTest {

    @Test
    void defaultsKeepTheFlowAliveEveryTenSecondsWithATwoSecondTimeout() {
        PhoneSettings d = PhoneSettings.defaults();
        assertThat(d.keepaliveInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.keepaliveTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void keepaliveDelaysSpreadOverPlusMinusTwentyPercent() {
        PhoneSettings s = PhoneSettings.defaults();
        assertThat(s.keepaliveDelayMillis(0.0)).isEqualTo(8000);
        assertThat(s.keepaliveDelayMillis(0.5)).isEqualTo(10_000);
        assertThat(s.keepaliveDelayMillis(0.999_999)).isBetween(11_999L, 12_000L);
    }

    @Test
    void keepaliveSettingsOutOfRangeAreRefused() {
        PhoneSettings s = PhoneSettings.defaults();
        assertThat(s.withKeepalive(Duration.ZERO, Duration.ofSeconds(2)).keepaliveInterval()).isZero(); // off
        assertThatThrownBy(() -> s.withKeepalive(Duration.ofMillis(100), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withKeepalive(Duration.ofSeconds(-1), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
        // below 1 s there would be no retransmission before giving up on a lost datagram
        assertThatThrownBy(() -> s.withKeepalive(Duration.ofSeconds(10), Duration.ofMillis(900)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
