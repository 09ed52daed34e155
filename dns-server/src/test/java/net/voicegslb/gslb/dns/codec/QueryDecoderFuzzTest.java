package net.voicegslb.gslb.dns.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import net.voicegslb.gslb.dns.DnsFixtures;
import net.voicegslb.gslb.dns.answer.DnsResponder;
import net.voicegslb.gslb.dns.metrics.QueryMetrics;
import net.voicegslb.gslb.dns.metrics.Transport;
import org.xbill.DNS.Message;

/**
 * Whatever bytes arrive, the query path returns a well-formed response or drops the packet; it
 * never throws. Runs its seed corpus (QueryDecoderFuzzTestInputs/) in every build; fuzz for real
 * with {@code JAZZER_FUZZ=1 ./mvnw -pl dns-server test -Dtest=QueryDecoderFuzzTest}.
 */
class QueryDecoderFuzzTest {

    private static final DnsResponder RESPONDER = new DnsResponder(DnsFixtures.testSnapshot(),
            new ResponseWriter(1232), new QueryMetrics(new SimpleMeterRegistry()));

    @FuzzTest(maxDuration = "60s")
    void anyBytesGetAWellFormedResponseOrNone(byte[] data) throws Exception {
        ParsedQuery q = new ParsedQuery();
        for (Transport t : Transport.values()) {
            ByteBuf in = Unpooled.wrappedBuffer(data);
            ByteBuf out = RESPONDER.respond(in, q, t, ByteBufAllocator.DEFAULT);
            assertThat(in.refCnt()).isEqualTo(1);
            if (out == null) {
                continue;
            }
            try {
                byte[] bytes = new byte[out.readableBytes()];
                out.getBytes(out.readerIndex(), bytes);
                if (t == Transport.UDP) {
                    assertThat(bytes.length).isLessThanOrEqualTo(1232);
                }
                Message m = new Message(bytes);
                assertThat(m.getHeader().getID()).isEqualTo(((data[0] & 0xFF) << 8) | (data[1] & 0xFF));
                assertThat(m.getHeader().getFlag(org.xbill.DNS.Flags.QR)).isTrue();
            } finally {
                out.release();
            }
        }
    }
}
