package net.voicegslb.gslb.pbx.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import net.voicegslb.gslb.pbx.codec.SipUri;
import net.voicegslb.gslb.pbx.transport.SipConnection;
import net.voicegslb.gslb.pbx.transport.Transport;
import org.junit.jupiter.api.Test;

class ContactFlowTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final SipConnection natted = new SipConnection(Transport.UDP, channel,
            new InetSocketAddress("203.0.113.7", 40123));

    @Test
    void aPrivateContactBehindAPublicSourceIsReachedThroughTheNat() throws Exception {
        assertThat(ContactFlow.of(SipUri.parse("sip:1001@192.168.1.20:5060"), natted).remote())
                .isEqualTo(new InetSocketAddress("203.0.113.7", 40123));
        assertThat(ContactFlow.of(SipUri.parse("sip:1001@10.1.2.3"), natted).remote().getPort()).isEqualTo(40123);
        assertThat(ContactFlow.of(SipUri.parse("sip:1001@phone.example.net"), natted).remote().getPort())
                .isEqualTo(40123);
    }

    @Test
    void aPublicOrSameAddressContactIsUsedAsIs() throws Exception {
        assertThat(ContactFlow.of(SipUri.parse("sip:1001@198.51.100.4:5070"), natted).remote())
                .isEqualTo(new InetSocketAddress("198.51.100.4", 5070));
        SipConnection lan = new SipConnection(Transport.UDP, channel, new InetSocketAddress("192.168.1.20", 5060));
        assertThat(ContactFlow.of(SipUri.parse("sip:1001@192.168.1.20:5062"), lan).remote().getPort()).isEqualTo(5062);
    }

    @Test
    void tcpPhonesAreReachedOverTheirConnection() throws Exception {
        SipConnection tcp = new SipConnection(Transport.TCP, channel, new InetSocketAddress("198.51.100.4", 50000));
        assertThat(ContactFlow.of(SipUri.parse("sip:1001@198.51.100.4:5060;transport=tcp"), tcp)).isSameAs(tcp);
    }

    @Test
    void ipLiterals() {
        assertThat(ContactFlow.isIpLiteral("192.0.2.1")).isTrue();
        assertThat(ContactFlow.isIpLiteral("2001:db8::1")).isTrue();
        assertThat(ContactFlow.isIpLiteral("::ffff:192.0.2.1")).isTrue();
        assertThat(ContactFlow.isIpLiteral("phone.example.net")).isFalse();
        assertThat(ContactFlow.isIpLiteral("cafe")).isFalse();
        assertThat(ContactFlow.isIpLiteral("")).isFalse();
    }

    @Test
    void privateRanges() throws Exception {
        for (String ip : new String[] {"10.0.0.1", "172.16.0.1", "172.31.255.1", "192.168.0.1", "100.64.0.1",
            "169.254.1.1", "fd00::1"}) {
            assertThat(ContactFlow.isPrivate(java.net.InetAddress.getByName(ip))).as(ip).isTrue();
        }
        for (String ip : new String[] {"172.32.0.1", "8.8.8.8", "127.0.0.1", "2001:db8::1", "100.128.0.1"}) {
            assertThat(ContactFlow.isPrivate(java.net.InetAddress.getByName(ip))).as(ip).isFalse();
        }
    }
}
