package net.voicegslb.gslb.rtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Fuzz targets for every decoder that reads bytes from the network. Under plain surefire they
 * replay the seeds in CodecFuzzTestInputs/METHOD; with JAZZER_FUZZ=1 they fuzz.
 * The property checked: no exception other than the decoder's own, and no read outside the packet.
 */
class CodecFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void rtp(byte[] data) {
        // Read-only view whose capacity equals the data: any out-of-bounds read throws.
        ByteBuf buf = Unpooled.wrappedBuffer(data).asReadOnly();
        PacketKind.classify(buf);
        if (RtpHeader.isValid(buf)) {
            int payload = RtpHeader.payloadLength(buf);
            assertThat(payload).isBetween(0, data.length - RtpHeader.FIXED_LENGTH);
            RtpHeader.sequence(buf);
            RtpHeader.timestamp(buf);
            RtpHeader.ssrc(buf);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void rtcp(byte[] data) {
        ByteBuf buf = Unpooled.wrappedBuffer(data).asReadOnly();
        RecordingVisitor v = new RecordingVisitor();
        boolean valid = RtcpCompound.visit(buf, v);
        if (!valid) {
            assertThat(v.events).isEmpty();
        }
        assertThat(buf.readerIndex()).isZero();
    }

    @FuzzTest(maxDuration = "30s")
    void bencode(byte[] data) {
        try {
            Object value = Bencode.decode(data, 0);
            // Whatever decodes must encode again (the ng endpoint echoes values back).
            Bencode.encode(value);
        } catch (BencodeException expected) {
            // malformed input is reported, never thrown as anything else
        }
    }
}
