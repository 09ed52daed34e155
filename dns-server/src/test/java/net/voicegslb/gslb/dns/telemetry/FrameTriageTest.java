package net.voicegslb.gslb.dns.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.util.Arrays;
import net.voicegslb.gslb.policy.telemetry.TelemetryEnvelope;
import net.voicegslb.gslb.policy.telemetry.wire.MalformedFrameException;
import net.voicegslb.gslb.policy.telemetry.wire.TelemetryFrameCodec;
import org.junit.jupiter.api.Test;

/**
 * Out-of-range values that the telemetry records refuse never decode: they must still be counted
 * under a precise reason, not as plain malformed bytes.
 */
class FrameTriageTest {

    static final long NOW = 1_700_000_000_000L;
    final TelemetryFrameCodec codec = new TelemetryFrameCodec();

    RejectReason triage(byte[] frame) {
        MalformedFrameException e = catchThrowableOfType(MalformedFrameException.class, () -> codec.decode(frame));
        assertThat(e).as("the codec must refuse it").isNotNull();
        return FrameTriage.undecodable(frame, e);
    }

    byte[] goodBatch() {
        return codec.encode(TelemetryEnvelope.of("fra-1", 1, NOW, Frames.batch("fra-1", "fra", "192.0.2.0/24")));
    }

    /** Offset of the first measurement's rtt (f64) in {@link #goodBatch()}. */
    int rttOffset(byte[] frame) {
        // header 20 + sender(1+5) + node(1+5) + site(1+3) + window 8 + flags 1 + count 4 + prefix(2+3) + source 1
        int off = 20 + 6 + 6 + 4 + 8 + 1 + 4 + 5 + 1;
        assertThat(ByteBuffer.wrap(frame, off, 8).getDouble()).isEqualTo(20.0);
        return off;
    }

    byte[] withDouble(int at, double v) {
        byte[] f = goodBatch();
        rttOffset(f);
        ByteBuffer.wrap(f).putDouble(at, v);
        return f;
    }

    @Test
    void negativeNanInfiniteOrAbsurdRttAndJitterAreOutOfRange() {
        int rtt = rttOffset(goodBatch());
        for (double v : new double[] {-1, -0.001, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            60_000, 1e9}) {
            assertThat(triage(withDouble(rtt, v))).as("rtt %s", v).isEqualTo(RejectReason.OUT_OF_RANGE);
            assertThat(triage(withDouble(rtt + 8, v))).as("jitter %s", v).isEqualTo(RejectReason.OUT_OF_RANGE);
        }
    }

    @Test
    void lossOutsideZeroToOneIsOutOfRange() {
        int loss = rttOffset(goodBatch()) + 16;
        for (double v : new double[] {-0.01, 1.0001, 2, Double.NaN}) {
            assertThat(triage(withDouble(loss, v))).as("loss %s", v).isEqualTo(RejectReason.OUT_OF_RANGE);
        }
    }

    @Test
    void zeroSamplesAreOutOfRangeAndCountsBeyondIntAreMalformed() {
        int samples = rttOffset(goodBatch()) + 24;
        byte[] zero = goodBatch();
        ByteBuffer.wrap(zero).putInt(samples, 0);
        assertThat(triage(zero)).isEqualTo(RejectReason.OUT_OF_RANGE);
        byte[] negative = goodBatch();
        ByteBuffer.wrap(negative).putInt(samples, -5); // a "negative" count is a u32 above 2^31 on the wire
        assertThat(triage(negative)).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void hostBitsBeyondThePrefixLengthAreMalformed() {
        byte[] f = goodBatch();
        int prefixBytes = rttOffset(f) - 1 - 3;
        assertThat(f[prefixBytes]).isEqualTo((byte) 192);
        byte[] shorter = f.clone();
        shorter[prefixBytes - 1] = 20; // /20 with 24 bits on the wire: length mismatch
        assertThat(triage(shorter)).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void anotherProtocolVersionIsUnsupportedVersion() {
        byte[] f = goodBatch();
        f[2] = 9;
        assertThat(triage(f)).isEqualTo(RejectReason.UNSUPPORTED_VERSION);
        f[2] = 0;
        assertThat(triage(f)).isEqualTo(RejectReason.UNSUPPORTED_VERSION);
    }

    @Test
    void garbageTruncationAndTrailingBytesAreMalformed() {
        assertThat(triage(new byte[0])).isEqualTo(RejectReason.MALFORMED);
        assertThat(triage(new byte[] {1, 2, 3, 4, 5})).isEqualTo(RejectReason.MALFORMED);
        byte[] f = goodBatch();
        assertThat(triage(Arrays.copyOf(f, f.length - 1))).isEqualTo(RejectReason.MALFORMED);
        assertThat(triage(Arrays.copyOf(f, f.length + 1))).isEqualTo(RejectReason.MALFORMED);
        byte[] badMagic = f.clone();
        badMagic[0] = 'X';
        badMagic[2] = 9;
        assertThat(triage(badMagic)).as("no magic, so the version byte means nothing").isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void onlyWellFramedHeartbeatsAreSeenAsHeartbeats() {
        assertThat(FrameTriage.isHeartbeat(codec.encode(TelemetryEnvelope.of("fra-1", 1, NOW, Frames.heartbeat("fra-1")))))
                .isTrue();
        assertThat(FrameTriage.isHeartbeat(goodBatch())).isFalse();
        assertThat(FrameTriage.isHeartbeat(new byte[] {0x56, 0x47, 1})).isFalse();
        assertThat(FrameTriage.isHeartbeat(new byte[] {0, 0, 1, 2})).isFalse();
        assertThat(FrameTriage.isHeartbeat(new byte[0])).isFalse();
    }
}
