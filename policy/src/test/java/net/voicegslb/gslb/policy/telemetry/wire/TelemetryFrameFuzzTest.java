package net.voicegslb.gslb.policy.telemetry.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HexFormat;
import net.voicegslb.gslb.policy.telemetry.TelemetryEnvelope;

/**
 * Whatever bytes arrive, the decoder returns an envelope or throws {@link MalformedFrameException},
 * nothing else; and whatever it accepts re-encodes to the same bytes (one encoding per message, so
 * a replay check on bytes and one on records agree). Runs its seed corpus
 * (TelemetryFrameFuzzTestInputs/) in every build; fuzz for real with
 * {@code JAZZER_FUZZ=1 ./mvnw -pl policy test -Dtest=TelemetryFrameFuzzTest}.
 */
class TelemetryFrameFuzzTest {

    private static final TelemetryFrameCodec CODEC = new TelemetryFrameCodec();

    @FuzzTest(maxDuration = "60s")
    void decoderAcceptsOrRejectsCleanly(byte[] data) {
        TelemetryEnvelope env;
        try {
            env = CODEC.decode(data);
        } catch (MalformedFrameException e) {
            return;
        }
        byte[] again = CODEC.encode(env);
        assertThat(HexFormat.of().formatHex(again)).isEqualTo(HexFormat.of().formatHex(data));
    }
}
