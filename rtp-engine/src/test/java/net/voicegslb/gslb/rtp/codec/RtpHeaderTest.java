package net.voicegslb.gslb.rtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RtpHeaderTest {

    @Test
    void readsPlainPcmuPacket() {
        ByteBuf buf = Wire.buf("rtp-pcmu.bin");
        assertThat(RtpHeader.isValid(buf)).isTrue();
        assertThat(PacketKind.classify(buf)).isEqualTo(PacketKind.RTP);
        assertThat(RtpHeader.payloadType(buf)).isZero();
        assertThat(RtpHeader.marker(buf)).isFalse();
        assertThat(RtpHeader.sequence(buf)).isEqualTo(1000);
        assertThat(RtpHeader.timestamp(buf)).isEqualTo(160_000L);
        assertThat(RtpHeader.ssrc(buf)).isEqualTo(0x11223344L);
        assertThat(RtpHeader.payloadLength(buf)).isEqualTo(160);
    }

    @Test
    void builderProducesTheGoldenBytes() {
        assertThat(Packets.rtp(0, 1000, 160_000, 0x11223344L, 160, (byte) 0xff)).isEqualTo(Wire.bytes("rtp-pcmu.bin"));
    }

    @Test
    void skipsCsrcExtensionAndPaddingAndReadsUnsignedFields() {
        ByteBuf buf = Wire.buf("rtp-csrc-ext-padding.bin");
        assertThat(RtpHeader.isValid(buf)).isTrue();
        assertThat(RtpHeader.marker(buf)).isTrue();
        assertThat(RtpHeader.payloadType(buf)).isEqualTo(8);
        assertThat(RtpHeader.sequence(buf)).isEqualTo(65535);
        assertThat(RtpHeader.timestamp(buf)).isEqualTo(0xfffffff0L);
        assertThat(RtpHeader.ssrc(buf)).isEqualTo(0xdeadbeefL);
        assertThat(RtpHeader.payloadLength(buf)).isEqualTo(4);
    }

    @Test
    void respectsReaderIndex() {
        byte[] golden = Wire.bytes("rtp-pcmu.bin");
        byte[] shifted = new byte[golden.length + 3];
        System.arraycopy(golden, 0, shifted, 3, golden.length);
        ByteBuf buf = io.netty.buffer.Unpooled.wrappedBuffer(shifted).skipBytes(3);
        assertThat(RtpHeader.isValid(buf)).isTrue();
        assertThat(RtpHeader.sequence(buf)).isEqualTo(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtp-truncated.bin", "rtp-bad-version.bin", "rtp-csrc-overflow.bin",
            "rtp-extension-overflow.bin", "rtp-padding-overflow.bin", "rtp-padding-zero.bin"})
    void rejectsMalformed(String fixture) {
        assertThat(RtpHeader.isValid(Wire.buf(fixture))).isFalse();
    }

    @Test
    void demuxesRtcpByPacketTypeRange() {
        assertThat(PacketKind.classify(Wire.buf("rtcp-rr-2blocks.bin"))).isEqualTo(PacketKind.RTCP);
        assertThat(PacketKind.classify(Wire.buf("rtp-bad-version.bin"))).isEqualTo(PacketKind.OTHER);
        // PT 96 (first dynamic type) is RTP; 95 would be RTCP type 223 under RFC 5761.
        assertThat(PacketKind.classify(io.netty.buffer.Unpooled.wrappedBuffer(Packets.rtp(96, 1, 1, 1, 0, (byte) 0))))
                .isEqualTo(PacketKind.RTP);
        assertThat(PacketKind.classify(io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, (byte) 0xdf})))
                .isEqualTo(PacketKind.RTCP);
        // STUN starts with two zero bits.
        assertThat(PacketKind.classify(io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {0x00, 0x01, 0, 0})))
                .isEqualTo(PacketKind.OTHER);
    }
}
