package net.voicegslb.gslb.policy.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsVerdictTest {

    @ParameterizedTest
    @CsvSource({
        "200, -1, ALIVE", "302, -1, ALIVE", "401, -1, ALIVE", "404, -1, ALIVE", "405, -1, ALIVE",
        "480, -1, ALIVE", "408, -1, FAILED", "500, -1, FAILED", "503, -1, FAILED", "503, 0, FAILED",
        "503, 120, DRAIN", "500, 120, FAILED", "600, -1, FAILED", "699, -1, FAILED"
    })
    void finalResponses(int code, long retryAfter, OptionsVerdict expected) {
        assertThat(OptionsVerdict.of(code, retryAfter)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"100", "180", "199", "700", "0"})
    void provisionalOrOutOfRangeIsNoVerdict(int code) {
        assertThatThrownBy(() -> OptionsVerdict.of(code, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
