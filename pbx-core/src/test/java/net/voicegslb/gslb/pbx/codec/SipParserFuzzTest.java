package net.voicegslb.gslb.pbx.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.InetSocketAddress;

/**
 * Whatever bytes arrive, the parser returns a message or a SipParseException with a status of
 * 400 or 505, never another exception; a parsed request can always be answered, and the answer
 * parses again. Runs its seed corpus (SipParserFuzzTestInputs/) in every build; fuzz for real with
 * {@code JAZZER_FUZZ=1 ./mvnw -pl pbx-core test -Dtest=SipParserFuzzTest}.
 */
class SipParserFuzzTest {

    private static final SipParser PARSER = new SipParser();
    private static final ResponseWriter WRITER = new ResponseWriter("fuzz");
    private static final InetSocketAddress SOURCE = new InetSocketAddress("192.0.2.7", 5062);

    @FuzzTest(maxDuration = "60s")
    void anyBytesParseOrFailCleanly(byte[] data) throws Exception {
        for (boolean datagram : new boolean[] {true, false}) {
            SipMessage m;
            try {
                m = PARSER.parse(data.clone(), data.length, datagram);
            } catch (SipParseException e) {
                assertThat(e.status()).isIn(400, 505);
                ByteBuf out = WRITER.writeForMalformed(UnpooledByteBufAllocator.DEFAULT, data, data.length, e.status(),
                        e.getMessage());
                if (out != null) {
                    out.release();
                }
                continue;
            }
            if (m == null || !m.isRequest()) {
                continue;
            }
            assertThat(m.bodyStart() + m.bodyLength()).isLessThanOrEqualTo(data.length);
            ByteBuf out = WRITER.write(UnpooledByteBufAllocator.DEFAULT, m, 200, "OK", SOURCE, "t1", null, null);
            try {
                byte[] bytes = new byte[out.readableBytes()];
                out.getBytes(0, bytes);
                SipMessage response = PARSER.parse(bytes, bytes.length, true);
                assertThat(response.isRequest()).isFalse();
                assertThat(response.callId()).isEqualTo(m.callId());
                assertThat(response.topVia().branch()).isEqualTo(m.topVia().branch());
            } finally {
                out.release();
            }
            byte[] forwarded = MessageRewriter.forwardRequest(m, null,
                    "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKfuzz\r\n", null, false, null);
            SipMessage again = PARSER.parse(forwarded, forwarded.length, true);
            assertThat(again.vias()).hasSize(m.vias().size() + 1);
        }
    }
}
