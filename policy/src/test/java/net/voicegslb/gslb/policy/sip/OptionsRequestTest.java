package net.voicegslb.gslb.policy.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import net.voicegslb.gslb.policy.model.SipTransport;
import org.junit.jupiter.api.Test;

class OptionsRequestTest {
    private static final String UA = "voice-gslb-sipcheck";
    private static final InetSocketAddress NODE = new InetSocketAddress("127.0.0.1", 5060);
    private static final InetSocketAddress SELF = new InetSocketAddress("127.0.0.1", 40000);

    @Test
    void udpRequestMatchesGoldenBytes() {
        OptionsRequest r = new OptionsRequest(SipTransport.UDP, NODE, SELF, "gslb-check", "z9hG4bKb1", "c1@127.0.0.1",
                "t1", 7, true, UA);
        assertThat(new String(r.encode(), StandardCharsets.US_ASCII))
                .isEqualTo(new String(WireFixtures.load("request-udp.sip"), StandardCharsets.US_ASCII));
    }

    @Test
    void tcpIpv6RequestWithoutContactMatchesGoldenBytes() {
        InetSocketAddress node = new InetSocketAddress("::1", 5061);
        InetSocketAddress self = new InetSocketAddress("::1", 40001);
        OptionsRequest r = new OptionsRequest(SipTransport.TCP, node, self, "ops.check", "z9hG4bKb2", "c2@[::1]", "t2",
                1, false, UA);
        assertThat(r.encode()).isEqualTo(WireFixtures.load("request-tcp-ipv6.sip"));
    }

    @Test
    void createdRequestsHaveFreshMagicCookieBranchesAndCallIds() {
        Random random = new Random(1);
        Set<String> branches = new HashSet<>();
        Set<String> callIds = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            OptionsRequest r = OptionsRequest.create(SipTransport.UDP, NODE, SELF, "gslb-check", i, UA, random);
            assertThat(r.branch()).startsWith("z9hG4bK").hasSize(7 + 24);
            branches.add(r.branch());
            callIds.add(r.callId());
            assertThat(r.callId()).endsWith("@127.0.0.1");
        }
        assertThat(branches).hasSize(100);
        assertThat(callIds).hasSize(100);
    }

    @Test
    void ownRequestParsesBackAsMatchingWhenEchoedAsResponse() throws Exception {
        OptionsRequest r = OptionsRequest.create(SipTransport.UDP, NODE, SELF, "gslb-check", 3, UA, new Random(2));
        String echoed = new String(r.encode(), StandardCharsets.US_ASCII)
                .replaceFirst("^OPTIONS [^\r]*\r\n", "SIP/2.0 200 OK\r\n");
        OptionsResponse resp = OptionsResponseParser.parse(echoed.getBytes(StandardCharsets.US_ASCII));
        assertThat(resp.matches(r)).isTrue();
    }

    @Test
    void rejectsWhatWouldBreakTheMessage() {
        assertThatThrownBy(() -> new OptionsRequest(SipTransport.UDP, NODE, SELF, "a b", "z9hG4bK1", "c", "t", 1, true, UA))
                .hasMessageContaining("From user");
        assertThatThrownBy(() -> new OptionsRequest(SipTransport.UDP, NODE, SELF, "a\r\nX: y", "z9hG4bK1", "c", "t", 1,
                true, UA)).hasMessageContaining("From user");
        assertThatThrownBy(() -> new OptionsRequest(SipTransport.UDP, NODE, SELF, "a", "z9hG4bK1", "c", "t", 1, true,
                "agent\r\nX: y")).hasMessageContaining("User-Agent");
        assertThatThrownBy(() -> new OptionsRequest(SipTransport.UDP, NODE, SELF, "a", "abc", "c", "t", 1, true, UA))
                .hasMessageContaining("z9hG4bK");
        assertThatThrownBy(() -> new OptionsRequest(SipTransport.WS, NODE, SELF, "a", "z9hG4bK1", "c", "t", 1, true, UA))
                .hasMessageContaining("UDP, TCP or TLS");
    }

    @Test
    void ipv6HostsInRfc5952Form() {
        assertThat(OptionsRequest.rfc5952(v6("::1"))).isEqualTo("::1");
        assertThat(OptionsRequest.rfc5952(v6("::"))).isEqualTo("::");
        assertThat(OptionsRequest.rfc5952(v6("2001:DB8:0:0:0:0:0:1"))).isEqualTo("2001:db8::1");
        assertThat(OptionsRequest.rfc5952(v6("2001:db8:0:1:0:0:0:1"))).as("the longest run").isEqualTo("2001:db8:0:1::1");
        assertThat(OptionsRequest.rfc5952(v6("2001:db8:0:0:1:0:0:1"))).as("the first of equal runs")
                .isEqualTo("2001:db8::1:0:0:1");
        assertThat(OptionsRequest.rfc5952(v6("2001:db8:1:1:1:1:0:1"))).as("one zero group stays")
                .isEqualTo("2001:db8:1:1:1:1:0:1");
        assertThat(OptionsRequest.rfc5952(v6("fe80:0:0:0:0:0:0:0"))).isEqualTo("fe80::");
    }

    private static byte[] v6(String text) {
        try {
            return java.net.InetAddress.getByName(text).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
