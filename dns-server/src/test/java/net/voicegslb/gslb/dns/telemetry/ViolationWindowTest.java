package net.voicegslb.gslb.dns.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ViolationWindowTest {

    @Test
    void twentyInTenSecondsAreTolerated() {
        ViolationWindow w = new ViolationWindow(20, 10_000);
        for (int i = 0; i < 20; i++) {
            assertThat(w.record(1_000 + i)).isFalse();
        }
        assertThat(w.record(1_020)).as("the 21st within the window").isTrue();
    }

    @Test
    void violationsSpreadWiderThanTheWindowNeverClose() {
        ViolationWindow w = new ViolationWindow(20, 10_000);
        for (int i = 0; i < 1_000; i++) {
            assertThat(w.record(i * 500L)).as("one every 500 ms is 20 per 10 s").isFalse();
        }
    }

    @Test
    void oldViolationsAgeOut() {
        ViolationWindow w = new ViolationWindow(3, 1_000);
        w.record(0);
        w.record(1);
        w.record(2);
        assertThat(w.record(1_000)).as("the first is exactly a window old").isFalse();
        assertThat(w.record(1_000)).as("1, 2, 1000, 1000: four within a window").isTrue();
    }
}
