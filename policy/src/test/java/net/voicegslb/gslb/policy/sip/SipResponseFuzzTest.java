package net.voicegslb.gslb.policy.sip;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever a node sends back, the parser returns a response or a {@link MalformedSipResponseException}
 * and the stream framing frames or rejects with a {@link SipFramingException}; nothing else escapes
 * to a checker's or a probe's event loop.
 * {@link #mutatedFixtures} runs seeded mutations of the wire fixtures in every build; fuzz for real
 * with {@code JAZZER_FUZZ=1 ./mvnw -pl policy test -Dtest=SipResponseFuzzTest}.
 */
class SipResponseFuzzTest {
    private static final List<String> FIXTURES = List.of("200-ok.sip", "200-ok-with-body.sip",
            "503-retry-after-comment-params.sip", "compact-folded-lf.sip", "500-server-error.sip");

    @FuzzTest(maxDuration = "60s")
    void anyBytesParseOrFailCleanly(byte[] data) {
        check(data);
    }

    @Test
    void mutatedFixtures() {
        Random random = new Random(20261122);
        for (String name : FIXTURES) {
            byte[] original = WireFixtures.load(name);
            for (int i = 0; i < 3000; i++) {
                byte[] b = original.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    int pos = random.nextInt(b.length);
                    switch (random.nextInt(4)) {
                        case 0 -> b[pos] = (byte) random.nextInt(256);
                        case 1 -> b[pos] = (byte) "\r\n:; ,()=0123456789".charAt(random.nextInt(19));
                        case 2 -> b = java.util.Arrays.copyOf(b, pos);
                        default -> b[pos] = (byte) ' ';
                    }
                    if (b.length == 0) {
                        break;
                    }
                }
                check(b);
            }
        }
    }

    private static void check(byte[] data) {
        try {
            OptionsResponse r = OptionsResponseParser.parse(data);
            assertThat(r.statusCode()).isBetween(100, 699);
            assertThat(r.branch()).isNotEmpty();
            assertThat(r.reasonPhrase().chars()).allMatch(c -> c >= ' ' && c < 127);
        } catch (MalformedSipResponseException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        int offset = 0;
        int framed = 0;
        try {
            // Bounded: every frame is at least the 4 bytes of its blank line.
            while (true) {
                int from = offset;
                offset += SipFraming.keepAliveBytes(i -> data[from + i], data.length - from);
                int length = SipFraming.frameLength(data, offset, data.length - offset);
                if (length < 0) {
                    break;
                }
                assertThat(length).isGreaterThanOrEqualTo(4);
                framed += length;
                offset += length;
            }
            assertThat(framed).isLessThanOrEqualTo(data.length);
        } catch (SipFramingException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
