package net.voicegslb.gslb.dns.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every fixture in wire/dns decodes to the verdict its file name states (ok, drop, formerr, ...). */
class QueryDecoderTest {

    private final QueryDecoder decoder = new QueryDecoder();

    static Stream<Path> fixtures() {
        return WireFixtures.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void verdictMatchesTheFixtureName(Path file) {
        String name = file.getFileName().toString();
        int expected = switch (name.substring(0, name.indexOf('-'))) {
            case "ok" -> QueryDecoder.OK;
            case "drop" -> QueryDecoder.DROP;
            case "formerr" -> QueryDecoder.FORMERR;
            case "notimp" -> QueryDecoder.NOTIMP;
            case "badvers" -> QueryDecoder.BADVERS;
            default -> throw new IllegalArgumentException("fixture name must start with a verdict: " + name);
        };
        ParsedQuery q = new ParsedQuery();
        ByteBuf buf = Unpooled.wrappedBuffer(WireFixtures.parse(file));
        assertThat(decoder.decode(buf, q)).as(name + " (problem: " + q.problem + ")").isEqualTo(expected);
        if (expected != QueryDecoder.OK) {
            assertThat(q.problem).as("every refusal says why").isNotBlank();
        }
        assertThat(buf.readerIndex()).as("decoding does not consume the buffer").isZero();
    }

    @Test
    void readsHeaderAndQuestion() {
        ParsedQuery q = decode("ok-a.hex");
        assertThat(q.id).isEqualTo(0xBEEF);
        assertThat(q.recursionDesired()).isTrue();
        assertThat(q.qnameOffset).isEqualTo(12);
        assertThat(q.qnameLength).isEqualTo(23); // 3sip4voip7example4test0
        assertThat(q.qtype).isEqualTo(1);
        assertThat(q.qclass).isEqualTo(1);
        assertThat(q.questionEnd).isEqualTo(12 + 23 + 4);
        assertThat(q.edns).isFalse();
        assertThat(q.udpPayloadSize).isEqualTo(512);
    }

    @Test
    void nameHashIgnoresLetterCase() {
        assertThat(decode("ok-mixed-case.hex").qnameHash).isEqualTo(decode("ok-a.hex").qnameHash);
    }

    @Test
    void readsEdns() {
        ParsedQuery q = decode("ok-edns-do.hex");
        assertThat(q.edns).isTrue();
        assertThat(q.udpPayloadSize).isEqualTo(4096);
        assertThat(q.dnssecOk).isTrue();
        assertThat(q.ednsVersion).isZero();
    }

    @Test
    void readsClientSubnet() {
        ParsedQuery q = decode("ok-ecs-v4-24.hex");
        assertThat(q.hasClientSubnet).isTrue();
        assertThat(q.ecsFamily).isEqualTo(1);
        assertThat(q.ecsSourcePrefix).isEqualTo(24);
        assertThat(q.ecsAddressLength).isEqualTo(3);
        ParsedQuery v6 = decode("ok-ecs-v6-48.hex");
        assertThat(v6.ecsFamily).isEqualTo(2);
        assertThat(v6.ecsAddressLength).isEqualTo(6);
        assertThat(decode("ok-ecs-zero.hex").ecsAddressLength).isZero();
    }

    private ParsedQuery decode(String fixture) {
        ParsedQuery q = new ParsedQuery();
        assertThat(decoder.decode(Unpooled.wrappedBuffer(WireFixtures.read(fixture)), q)).isEqualTo(QueryDecoder.OK);
        return q;
    }
}
