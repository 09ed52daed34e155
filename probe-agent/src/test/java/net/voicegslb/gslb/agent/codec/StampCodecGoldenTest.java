package net.voicegslb.gslb.agent.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** STAMP packets against hand-annotated RFC 8762 layouts in src/test/resources/wire/stamp. */
class StampCodecGoldenTest {

    static final long T1 = NtpTimestamp.fromEpochNanos(1_500_000_000L);
    static final long T2 = NtpTimestamp.fromEpochNanos(2_250_000_000L);
    static final long T3 = NtpTimestamp.fromEpochNanos(3_000_000_000L);

    static byte[] fixture(String name) {
        try (InputStream in = StampCodecGoldenTest.class.getResourceAsStream("/wire/stamp/" + name)) {
            StringBuilder sb = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int hash = line.indexOf('#');
                sb.append((hash < 0 ? line : line.substring(0, hash)).replaceAll("\\s+", ""));
            }
            return HexFormat.of().parseHex(sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void ntpTimestampsFollowRfc5905() {
        assertThat(NtpTimestamp.fromEpochNanos(0)).isEqualTo(0x83AA7E80_00000000L);
        assertThat(T1).isEqualTo(0x83AA7E81_80000000L);
        assertThat(NtpTimestamp.toEpochNanos(T2)).isEqualTo(2_250_000_000L);
        assertThat(NtpTimestamp.differenceNanos(T1, T3)).isEqualTo(1_500_000_000L);
        assertThat(NtpTimestamp.differenceNanos(T3, T1)).isEqualTo(-1_500_000_000L);
        // across the 2036 era wrap: 0xFFFFFFFF.8 → 0x00000000.4 is 0.25 s later
        assertThat(NtpTimestamp.differenceNanos(0xFFFFFFFF_80000000L, 0x00000000_40000000L)).isEqualTo(750_000_000L);
    }

    @Test
    void errorEstimateBits() {
        assertThat(ErrorEstimate.AGENT_DEFAULT).isEqualTo(0x1601);
        assertThat(ErrorEstimate.seconds(0x1601)).isEqualTo(Math.pow(2, -10));
        assertThat(ErrorEstimate.ptp(0x4001)).isTrue();
        assertThatThrownBy(() -> ErrorEstimate.encode(false, false, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void senderPacketMatchesRfcLayout() throws Exception {
        ByteBuf out = Unpooled.buffer();
        StampCodec.writeSender(new StampSenderPacket(1, T1, ErrorEstimate.AGENT_DEFAULT), out);
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo(HexFormat.of().formatHex(fixture("sender-unauth.hex")));
        assertThat(out.readableBytes()).isEqualTo(44);
        assertThat(StampCodec.readSender(Unpooled.wrappedBuffer(fixture("sender-unauth.hex"))))
                .isEqualTo(new StampSenderPacket(1, T1, 0x1601));
    }

    @Test
    void reflectorAnswerMatchesRfcLayout() throws Exception {
        ByteBuf out = Unpooled.buffer();
        StampCodec.reflect(Unpooled.wrappedBuffer(fixture("sender-unauth.hex")), T2, T3, ErrorEstimate.AGENT_DEFAULT,
                255, out);
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo(HexFormat.of().formatHex(fixture("reflector-unauth.hex")));

        StampReflectorPacket p = StampCodec.readReflector(Unpooled.wrappedBuffer(fixture("reflector-unauth.hex")));
        assertThat(p).isEqualTo(new StampReflectorPacket(1, T3, 0x1601, T2, 1, T1, 0x1601, 255));
        ByteBuf again = Unpooled.buffer();
        StampCodec.writeReflector(p, again);
        assertThat(ByteBufUtil.hexDump(again)).isEqualTo(ByteBufUtil.hexDump(out));
        // T4 = 4.0 s: (T4 − T1) − (T3 − T2) = 2.5 − 0.75 = 1.75 s
        assertThat(p.roundTripNanos(NtpTimestamp.fromEpochNanos(4_000_000_000L))).isEqualTo(1_750_000_000L);
    }

    @Test
    void paddedSenderPacketsAreAnsweredWithTheSameLength() throws Exception {
        byte[] padded = new byte[100];
        System.arraycopy(fixture("sender-unauth.hex"), 0, padded, 0, 44);
        padded[60] = 0x55; // padding content is not echoed
        ByteBuf out = Unpooled.buffer();
        StampCodec.reflect(Unpooled.wrappedBuffer(padded), T2, T3, 0x1601, 255, out);
        assertThat(out.readableBytes()).isEqualTo(100);
        assertThat(ByteBufUtil.hexDump(out, 0, 44)).isEqualTo(HexFormat.of().formatHex(fixture("reflector-unauth.hex")));
        for (int i = 44; i < 100; i++) {
            assertThat(out.getByte(i)).isZero();
        }
    }

    @Test
    void shortAndOversizedPacketsAreRefused() {
        assertThatThrownBy(() -> StampCodec.reflect(Unpooled.wrappedBuffer(new byte[43]), T2, T3, 0x1601, 255,
                Unpooled.buffer())).isInstanceOf(MalformedStampException.class).hasMessageContaining("need 44");
        assertThatThrownBy(() -> StampCodec.reflect(Unpooled.wrappedBuffer(new byte[1473]), T2, T3, 0x1601, 255,
                Unpooled.buffer())).isInstanceOf(MalformedStampException.class).hasMessageContaining("amplify");
        assertThatThrownBy(() -> StampCodec.readReflector(Unpooled.wrappedBuffer(new byte[20])))
                .isInstanceOf(MalformedStampException.class);
        assertThatThrownBy(() -> StampCodec.readSender(Unpooled.wrappedBuffer(new byte[0])))
                .isInstanceOf(MalformedStampException.class);
    }

    @Test
    void reflectedPacketsAreToldApartFromSenderPackets() {
        assertThat(StampCodec.looksReflected(Unpooled.wrappedBuffer(fixture("reflector-unauth.hex")))).isTrue();
        assertThat(StampCodec.looksReflected(Unpooled.wrappedBuffer(fixture("sender-unauth.hex")))).isFalse();
        byte[] ttlOnly = new byte[44];
        ttlOnly[40] = (byte) 255;
        assertThat(StampCodec.looksReflected(Unpooled.wrappedBuffer(ttlOnly))).isTrue();
        byte[] ssid = fixture("sender-unauth.hex"); // RFC 8972 SSID in octets 14-15 is still a sender packet
        ssid[14] = 0x12;
        ssid[15] = 0x34;
        assertThat(StampCodec.looksReflected(Unpooled.wrappedBuffer(ssid))).isFalse();
        assertThat(StampCodec.looksReflected(Unpooled.wrappedBuffer(new byte[20]))).isFalse();
    }
}
