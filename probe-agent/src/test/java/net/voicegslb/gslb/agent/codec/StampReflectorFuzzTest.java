package net.voicegslb.gslb.agent.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Whatever datagram reaches the reflector, its decoder either refuses it with
 * {@link MalformedStampException} or answers with exactly as many octets (never amplifying) whose
 * Session-Sender fields echo the input. Seeds in StampReflectorFuzzTestInputs/ run in every build;
 * fuzz for real with {@code JAZZER_FUZZ=1 ./mvnw -pl probe-agent test -Dtest=StampReflectorFuzzTest}.
 */
class StampReflectorFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void reflectsOrRefusesWithoutAmplifying(byte[] data) throws Exception {
        ByteBuf in = Unpooled.wrappedBuffer(data);
        ByteBuf out = Unpooled.buffer();
        try {
            StampCodec.reflect(in, 1L, 2L, ErrorEstimate.AGENT_DEFAULT, 255, out);
        } catch (MalformedStampException e) {
            assertThat(out.readableBytes()).isZero();
            assertThat(data.length < 44 || data.length > StampCodec.MAX_REFLECTED_LENGTH).isTrue();
            return;
        }
        assertThat(out.readableBytes()).isEqualTo(data.length);
        assertThat(in.readerIndex()).isZero();
        StampReflectorPacket p = StampCodec.readReflector(out);
        StampSenderPacket s = StampCodec.readSender(in);
        assertThat(p.senderSequence()).isEqualTo(s.sequence());
        assertThat(p.sequence()).isEqualTo(s.sequence());
        assertThat(p.senderTimestamp()).isEqualTo(s.timestamp());
        assertThat(p.senderErrorEstimate()).isEqualTo(s.errorEstimate());
        assertThat(p.receiveTimestamp()).isEqualTo(1L);
        assertThat(p.timestamp()).isEqualTo(2L);
    }
}
