package net.voicegslb.gslb.pbx.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseWriterTest {

    private final ResponseWriter writer = new ResponseWriter("test");

    private String write(String request, int status, String extra) throws Exception {
        SipMessage m = SipWire.parse(request);
        ByteBuf out = writer.write(UnpooledByteBufAllocator.DEFAULT, m, status, "Reason",
                new InetSocketAddress("203.0.113.9", 41000), "abc", extra, null);
        try {
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }

    @Test
    void fillsRportAndReceivedForANatedPhone() throws Exception {
        String r = write("""
                REGISTER sip:example.test SIP/2.0
                Via: SIP/2.0/UDP 10.0.0.5:5060;rport;branch=z9hG4bKx
                Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKy
                From: <sip:1001@example.test>;tag=1
                t: <sip:1001@example.test>
                Call-ID: c@d
                CSeq: 7 REGISTER
                Content-Length: 0

                """, 200, "Contact: <sip:1001@10.0.0.5>;expires=60\r\n");
        assertThat(r).startsWith("SIP/2.0 200 Reason\r\n")
                .contains("Via: SIP/2.0/UDP 10.0.0.5:5060;rport=41000;branch=z9hG4bKx;received=203.0.113.9\r\n")
                .contains("Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKy\r\n")
                .contains("t: <sip:1001@example.test>;tag=abc\r\n")
                .contains("CSeq: 7 REGISTER\r\n")
                .contains("Contact: <sip:1001@10.0.0.5>;expires=60\r\n")
                .endsWith("Content-Length: 0\r\n\r\n");
        assertThat(SipWire.parse(r).topVia().rportValue()).isEqualTo(41000);
    }

    @Test
    void keepsAnExistingToTagAndAddsReceivedOnlyWhenTheHostDiffers() throws Exception {
        String r = write("""
                OPTIONS sip:x@example.test SIP/2.0
                Via: SIP/2.0/UDP 203.0.113.9:41000;branch=z9hG4bKx
                From: <sip:a@example.test>;tag=1
                To: <sip:x@example.test>;tag=existing
                Call-ID: c@d
                CSeq: 1 OPTIONS

                """, 486, null);
        assertThat(r).contains("Via: SIP/2.0/UDP 203.0.113.9:41000;branch=z9hG4bKx\r\n")
                .contains("To: <sip:x@example.test>;tag=existing\r\n").doesNotContain("tag=abc");
    }

    @Test
    void answersAMalformedRequestWithItsOwnHeaders() {
        byte[] raw = ("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\nCSeq: 1 INVITE\r\n"
                + "Call-ID: x\r\nFrom: broken <\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuf out = writer.writeForMalformed(UnpooledByteBufAllocator.DEFAULT, raw, raw.length, 400, "bad From");
        assertThat(out.toString(StandardCharsets.US_ASCII)).startsWith("SIP/2.0 400 bad From\r\n")
                .contains("Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n").contains("CSeq: 1 INVITE\r\n");
        out.release();
        byte[] response = "SIP/2.0 200 OK\r\nVia: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(writer.writeForMalformed(UnpooledByteBufAllocator.DEFAULT, response, response.length, 400, "x"))
                .isNull();
    }
}
