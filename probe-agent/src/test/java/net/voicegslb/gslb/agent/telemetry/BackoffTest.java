package net.voicegslb.gslb.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysDoubleWithEqualJitterUpToTheCap() {
        Backoff b = new Backoff(100, 5_000, new Random(1));
        long[] steps = {100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000};
        for (long step : steps) {
            long d = b.nextDelayMillis();
            assertThat(d).isBetween(step / 2, step);
        }
        b.reset();
        assertThat(b.nextDelayMillis()).isBetween(50L, 100L);
    }

    @Test
    void agentsThatFailTogetherSpreadOut() {
        Set<Long> delays = new HashSet<>();
        for (int agent = 0; agent < 50; agent++) {
            Backoff b = new Backoff(1000, 30_000, new Random(agent));
            for (int i = 0; i < 4; i++) {
                b.nextDelayMillis();
            }
            delays.add(b.nextDelayMillis()); // fifth attempt: step 16 s
        }
        assertThat(delays).hasSizeGreaterThan(40);
        assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(8_000L, 16_000L));
    }

    @Test
    void manyAttemptsDoNotOverflow() {
        Backoff b = new Backoff(1, 60_000, new Random(3));
        for (int i = 0; i < 200; i++) {
            assertThat(b.nextDelayMillis()).isBetween(0L, 60_000L);
        }
    }
}
