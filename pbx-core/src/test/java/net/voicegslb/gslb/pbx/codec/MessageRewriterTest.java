package net.voicegslb.gslb.pbx.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageRewriterTest {

    @Test
    void forwardingAddsViaAndRecordRouteDecrementsMaxForwardsAndDropsOurRoute() throws Exception {
        SipMessage m = SipWire.parse("""
                BYE sip:callee@10.0.0.7:5080 SIP/2.0
                Via: SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bKa
                Route: <sip:127.0.0.1:5060;lr>, <sip:192.0.2.99;lr>
                Max-Forwards: 70
                From: <sip:a@example.test>;tag=1
                To: <sip:b@example.test>;tag=2
                Call-ID: c@d
                CSeq: 2 BYE
                X-Custom: kept as is
                Content-Length: 0

                """);
        String out = new String(MessageRewriter.forwardRequest(m, "sip:callee@127.0.0.1:5080",
                "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKours\r\n", "Record-Route: <sip:127.0.0.1:5060;lr>\r\n",
                true, null), StandardCharsets.UTF_8);
        assertThat(out).startsWith("BYE sip:callee@127.0.0.1:5080 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKours\r\n"
                + "Record-Route: <sip:127.0.0.1:5060;lr>\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bKa\r\n"
                + "Route: <sip:192.0.2.99;lr>\r\n"
                + "Max-Forwards: 69\r\n");
        assertThat(out).contains("X-Custom: kept as is\r\n").endsWith("Content-Length: 0\r\n\r\n");
        SipMessage again = SipWire.parse(out);
        assertThat(again.vias()).hasSize(2);
        assertThat(again.routes()).hasSize(1);
    }

    @Test
    void aStrictRoutersLastRouteBecomesTheRequestUriAndLeavesTheRouteSet() throws Exception {
        // RFC 3261 16.4: Request-URI was ours, the last Route value is the real target
        SipMessage m = SipWire.parse("""
                INVITE sip:voip.example.test SIP/2.0
                Via: SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bKa
                Route: <sip:192.0.2.50;lr>
                Route: <sip:192.0.2.51;lr>, <sip:callee@u2.example.test>
                Max-Forwards: 70
                From: <sip:a@example.test>;tag=1
                To: <sip:b@example.test>
                Call-ID: c@d
                CSeq: 1 INVITE
                Content-Length: 0

                """);
        String out = new String(MessageRewriter.forwardRequest(m, "sip:callee@u2.example.test",
                "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKours\r\n", null, false, true, null),
                StandardCharsets.UTF_8);
        assertThat(out).startsWith("INVITE sip:callee@u2.example.test SIP/2.0\r\n")
                .contains("Route: <sip:192.0.2.50;lr>, <sip:192.0.2.51;lr>\r\nMax-Forwards: 69\r\n")
                .doesNotContain("<sip:callee@u2.example.test>");
        assertThat(SipWire.parse(out).routes()).hasSize(2);
        String only = new String(MessageRewriter.forwardRequest(SipWire.parse(out.replace(
                "Route: <sip:192.0.2.50;lr>, <sip:192.0.2.51;lr>", "Route: <sip:callee@u2.example.test>")),
                null, "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKx\r\n", null, false, true, null),
                StandardCharsets.UTF_8);
        assertThat(only).doesNotContain("Route:");
    }

    @Test
    void bothOfOurRecordRoutesAreRemovedWhenTheyLeadTheRouteSet() throws Exception {
        SipMessage m = SipWire.parse("""
                BYE sip:caller@192.0.2.7:5070 SIP/2.0
                Via: SIP/2.0/TLS 192.0.2.9:40000;branch=z9hG4bKb
                Route: <sip:127.0.0.1:5061;transport=tls;lr>, <sip:127.0.0.1:5060;lr>
                Route: <sip:192.0.2.60;lr>
                Max-Forwards: 70
                From: <sip:b@example.test>;tag=2
                To: <sip:a@example.test>;tag=1
                Call-ID: c@d
                CSeq: 2 BYE
                Content-Length: 0

                """);
        String out = new String(MessageRewriter.forwardRequest(m, null,
                "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKours\r\n", null, 2, false, null),
                StandardCharsets.UTF_8);
        assertThat(out).contains("\r\nRoute: <sip:192.0.2.60;lr>\r\n").doesNotContain("127.0.0.1:5061");
        assertThat(SipWire.parse(out).routes()).hasSize(1);
    }

    @Test
    void relayingARemovesOurViaAndReplacesTheBody() throws Exception {
        SipMessage m = SipWire.parse("""
                SIP/2.0 200 OK
                Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKours, SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bKa
                From: <sip:a@example.test>;tag=1
                To: <sip:b@example.test>;tag=2
                Call-ID: c@d
                CSeq: 1 INVITE
                Content-Type: application/sdp
                Content-Length: 4

                v=0
                """);
        byte[] sdp = "v=0\r\nc=IN IP4 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII);
        String out = new String(MessageRewriter.relayResponse(m, sdp), StandardCharsets.UTF_8);
        assertThat(out).contains("Via: SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bKa\r\n").doesNotContain("ours")
                .endsWith("Content-Length: " + sdp.length + "\r\n\r\nv=0\r\nc=IN IP4 127.0.0.1\r\n");
        assertThat(SipWire.parse(out).bodyLength()).isEqualTo(sdp.length);
    }
}
