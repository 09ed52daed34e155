package net.voicegslb.gslb.rtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RtcpCompoundTest {

    @Test
    void readsSenderReportWithBlockAndSkipsSdes() {
        RecordingVisitor v = new RecordingVisitor();
        assertThat(RtcpCompound.visit(Wire.buf("rtcp-sr-sdes.bin"), v)).isTrue();
        assertThat(v.events).containsExactly(
                "SR ssrc=aabbccdd ntp=e6b32c4a80000000 rtp=48000 packets=250 octets=40000",
                "RB aabbccdd->11223344 fraction=64 lost=25 seq=66536 jitter=37 lsr=2c4a8000 dlsr=8000");
    }

    @Test
    void readsReceiverReportWithNegativeCumulativeLoss() {
        RecordingVisitor v = new RecordingVisitor();
        assertThat(RtcpCompound.visit(Wire.buf("rtcp-rr-2blocks.bin"), v)).isTrue();
        assertThat(v.events).containsExactly(
                "RB 1020304->aabbccdd fraction=0 lost=0 seq=70000 jitter=12 lsr=2c4a8000 dlsr=10000",
                "RB 1020304->55667788 fraction=255 lost=-3 seq=5 jitter=0 lsr=0 dlsr=0");
    }

    @Test
    void builderProducesTheGoldenReceiverReport() {
        byte[] built = Packets.receiverReport(0x01020304L,
                new Packets.Block(0xaabbccddL, 0, 0, 70000, 12, 0x2c4a8000L, 0x10000),
                new Packets.Block(0x55667788L, 255, -3, 5, 0, 0, 0));
        assertThat(built).isEqualTo(Wire.bytes("rtcp-rr-2blocks.bin"));
    }

    @Test
    void acceptsPaddingOnTheLastPacket() {
        assertThat(RtcpCompound.isValid(Wire.buf("rtcp-rr-padded-last.bin"))).isTrue();
    }

    @Test
    void middle32IsWhatLsrEchoes() {
        assertThat(RtcpCompound.middle32(0xe6b32c4a80000000L)).isEqualTo(0x2c4a8000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtcp-length-overflow.bin", "rtcp-starts-with-sdes.bin", "rtcp-count-exceeds-length.bin",
            "rtcp-trailing-garbage.bin", "rtcp-padding-not-last.bin", "rtp-pcmu.bin", "rtp-truncated.bin"})
    void rejectsMalformedWithoutReportingAnything(String fixture) {
        RecordingVisitor v = new RecordingVisitor();
        assertThat(RtcpCompound.visit(Wire.buf(fixture), v)).isFalse();
        assertThat(v.events).isEmpty();
    }
}
