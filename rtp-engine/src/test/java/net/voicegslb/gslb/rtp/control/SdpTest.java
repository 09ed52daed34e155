package net.voicegslb.gslb.rtp.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SdpTest {

    private static final String OFFER = String.join("\r\n",
            "v=0",
            "o=alice 2890844526 2890844526 IN IP4 192.168.1.10",
            "s=-",
            "c=IN IP4 192.168.1.10",
            "t=0 0",
            "m=audio 49170 RTP/AVP 96 0 101",
            "a=rtpmap:96 opus/48000/2",
            "a=rtpmap:101 telephone-event/8000",
            "a=rtcp:49175",
            "a=candidate:1 1 udp 2130706431 192.168.1.10 49170 typ host",
            "a=ice-ufrag:abcd",
            "a=sendrecv",
            "m=video 51372 RTP/AVP 31",
            "c=IN IP4 192.168.1.11",
            "") ;

    @Test
    void readsFirstAudioStream() throws Exception {
        SdpMedia m = Sdp.audio(OFFER);
        assertThat(m.rtp()).isEqualTo(new InetSocketAddress("192.168.1.10", 49170));
        assertThat(m.rtcp()).isEqualTo(new InetSocketAddress("192.168.1.10", 49175));
        assertThat(m.rtcpMux()).isFalse();
        assertThat(m.clockRate()).isEqualTo(48000);
    }

    @Test
    void mediaLevelConnectionAndMuxAndStaticPayloadType() throws Exception {
        String sdp = "v=0\nc=IN IP4 10.0.0.1\nm=audio 4000 RTP/AVP 8\nc=IN IP4 10.0.0.2\na=rtcp-mux\n";
        SdpMedia m = Sdp.audio(sdp);
        assertThat(m.rtp()).isEqualTo(new InetSocketAddress("10.0.0.2", 4000));
        assertThat(m.rtcp()).isEqualTo(new InetSocketAddress("10.0.0.2", 4001));
        assertThat(m.rtcpMux()).isTrue();
        assertThat(m.clockRate()).isEqualTo(8000);
    }

    @Test
    void rewritesAddressesAndPortsAndDeclinesOtherStreams() throws Exception {
        String out = Sdp.rewrite(OFFER, InetAddress.getByName("127.0.0.1"), 30002);
        assertThat(out).isEqualTo(String.join("\r\n",
                "v=0",
                "o=alice 2890844526 2890844526 IN IP4 127.0.0.1",
                "s=-",
                "c=IN IP4 127.0.0.1",
                "t=0 0",
                "m=audio 30002 RTP/AVP 96 0 101",
                "a=rtpmap:96 opus/48000/2",
                "a=rtpmap:101 telephone-event/8000",
                "a=rtcp:30003 IN IP4 127.0.0.1",
                "a=sendrecv",
                "m=video 0 RTP/AVP 31",
                "c=IN IP4 127.0.0.1",
                ""));
        SdpMedia again = Sdp.audio(out);
        assertThat(again.rtp()).isEqualTo(new InetSocketAddress("127.0.0.1", 30002));
        assertThat(again.rtcp()).isEqualTo(new InetSocketAddress("127.0.0.1", 30003));
    }

    @Test
    void rewritesToIpv6() throws Exception {
        String out = Sdp.rewrite("v=0\nc=IN IP4 10.0.0.1\nm=audio 4000 RTP/AVP 0\n", InetAddress.getByName("::1"), 30000);
        assertThat(out).contains("c=IN IP6 0:0:0:0:0:0:0:1\n");
        assertThat(Sdp.audio(out).rtp().getAddress()).isEqualTo(InetAddress.getByName("::1"));
    }

    @Test
    void refusesWhatCannotBeAnchored() {
        assertThatThrownBy(() -> Sdp.audio("v=0\nc=IN IP4 10.0.0.1\nm=video 4000 RTP/AVP 31\n"))
                .isInstanceOf(SdpException.class).hasMessageContaining("no m=audio");
        assertThatThrownBy(() -> Sdp.audio("v=0\nm=audio 4000 RTP/AVP 0\n"))
                .isInstanceOf(SdpException.class).hasMessageContaining("no c=");
        assertThatThrownBy(() -> Sdp.audio("v=0\nc=IN IP4 evil.example.com\nm=audio 4000 RTP/AVP 0\n"))
                .isInstanceOf(SdpException.class).hasMessageContaining("not an IP literal");
        assertThatThrownBy(() -> Sdp.audio("v=0\nc=IN IP4 10.0.0.1\nm=audio 70000 RTP/AVP 0\n"))
                .isInstanceOf(SdpException.class).hasMessageContaining("bad port");
    }
}
