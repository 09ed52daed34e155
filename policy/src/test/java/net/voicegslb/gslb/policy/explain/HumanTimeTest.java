package net.voicegslb.gslb.policy.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HumanTimeTest {

    private static final long AT = Instant.parse("2026-12-03T20:14:42Z").toEpochMilli();

    @Test
    void aPastInstantIsIsoUtcWithItsAge() {
        assertThat(HumanTime.instant(AT, AT + 26_400)).isEqualTo("2026-12-03T20:14:42Z, 26 s ago");
    }

    @Test
    void aFutureInstantSaysHowSoon() {
        assertThat(HumanTime.instant(AT, AT - 4_000)).isEqualTo("2026-12-03T20:14:42Z, in 4.0 s");
    }

    @Test
    void theSameInstantIsNow() {
        assertThat(HumanTime.instant(AT, AT)).isEqualTo("2026-12-03T20:14:42Z, now");
    }

    @Test
    void sentinelValuesAreNever() {
        assertThat(HumanTime.instant(Long.MIN_VALUE, AT)).isEqualTo("never");
        assertThat(HumanTime.instant(Long.MAX_VALUE, AT)).isEqualTo("never");
    }

    @Test
    void durationsUseTheLargestReadableUnit() {
        assertThat(HumanTime.duration(850)).isEqualTo("850 ms");
        assertThat(HumanTime.duration(2_340)).isEqualTo("2.3 s");
        assertThat(HumanTime.duration(26_000)).isEqualTo("26 s");
        assertThat(HumanTime.duration(250_000)).isEqualTo("4 min 10 s");
        assertThat(HumanTime.duration(3 * 3_600_000L + 5 * 60_000L)).isEqualTo("3 h 5 min");
        assertThat(HumanTime.duration(52 * 3_600_000L)).isEqualTo("2 d 4 h");
        assertThat(HumanTime.duration(-1_500)).isEqualTo("-1.5 s");
    }
}
