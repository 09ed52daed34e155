package net.voicegslb.gslb.pbx.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import net.voicegslb.gslb.rtp.codec.RtcpCompound;
import net.voicegslb.gslb.rtp.codec.RtcpVisitor;
import net.voicegslb.gslb.rtp.codec.RtpHeader;
import org.junit.jupiter.api.Test;

/** The phone's packets read back by the relay's own codec: what the relay will see is what we meant. */
class RtpPacketsTest {

    @Test
    void anRtpPacketIsVersion2PcmuWithItsSequenceTimestampSsrcAnd160Octets() {
        ByteBuf b = Unpooled.wrappedBuffer(RtpPackets.rtp(65535, 0xFFFF_FF00L, 0xDEAD_BEEFL, true));
        assertThat(RtpHeader.isValid(b)).isTrue();
        assertThat(RtpHeader.payloadType(b)).isEqualTo(0);
        assertThat(RtpHeader.marker(b)).isTrue();
        assertThat(RtpHeader.sequence(b)).isEqualTo(65535);
        assertThat(RtpHeader.timestamp(b)).isEqualTo(0xFFFF_FF00L);
        assertThat(RtpHeader.ssrc(b)).isEqualTo(0xDEAD_BEEFL);
        assertThat(RtpHeader.payloadLength(b)).isEqualTo(160);
        assertThat(RtpHeader.marker(Unpooled.wrappedBuffer(RtpPackets.rtp(1, 160, 1, false)))).isFalse();
    }

    @Test
    void aSenderReportCarriesItsSenderInfoAndReportBlockInAValidCompound() {
        long ntp = RtpPackets.ntp(1_700_000_000_250L);
        ReportBlock block = new ReportBlock(0x1234_5678L, 5, -3, 0x1_0002L, 80, 0xAABB_CCDDL, 65_536);
        byte[] sr = RtpPackets.senderReport(0xCAFE_F00DL, ntp, 4000, 50, 8000, block, "1001@127.20.9.1");
        assertThat(sr.length % 4).isZero();
        List<String> seen = visit(sr);
        assertThat(seen).containsExactly(
                "SR " + 0xCAFE_F00DL + " " + ntp + " 4000 50 8000",
                "RB " + 0xCAFE_F00DL + " " + 0x1234_5678L + " 5 -3 " + 0x1_0002L + " 80 " + 0xAABB_CCDDL + " 65536");
    }

    @Test
    void aReceiverReportAndAnSrWithoutBlocksAreValidToo() {
        ReportBlock block = new ReportBlock(7, 0, 0, 10, 0, 0, 0);
        assertThat(visit(RtpPackets.receiverReport(9, block, "x"))).containsExactly("RB 9 7 0 0 10 0 0 0");
        assertThat(visit(RtpPackets.senderReport(9, 1, 2, 3, 4, null, "a-longer-cname@127.20.1.7")))
                .containsExactly("SR 9 1 2 3 4");
    }

    @Test
    void ntpTimeCountsFrom1900AndItsMiddleBitsAreWhatLsrEchoes() {
        long ntp = RtpPackets.ntp(500); // half a second after the Unix epoch
        assertThat(ntp >>> 32).isEqualTo(2_208_988_800L);
        assertThat(ntp & 0xffff_ffffL).isEqualTo(1L << 31);
        assertThat(RtpPackets.middle32(ntp)).isEqualTo(RtcpCompound.middle32(ntp));
    }

    private static List<String> visit(byte[] packet) {
        List<String> seen = new ArrayList<>();
        boolean valid = RtcpCompound.visit(Unpooled.wrappedBuffer(packet), new RtcpVisitor() {
            @Override
            public void onSenderReport(long ssrc, long ntp, long rtp, long packets, long octets) {
                seen.add("SR " + ssrc + " " + ntp + " " + rtp + " " + packets + " " + octets);
            }

            @Override
            public void onReportBlock(long reporter, long source, int fraction, int lost, long highest, long jitter,
                    long lsr, long dlsr) {
                seen.add("RB " + reporter + " " + source + " " + fraction + " " + lost + " " + highest + " " + jitter
                        + " " + lsr + " " + dlsr);
            }
        });
        assertThat(valid).as("valid compound").isTrue();
        return seen;
    }
}
