package net.voicegslb.gslb.policy.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipFramingTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void framesByContentLengthAndWaitsForTheRest() throws Exception {
        byte[] one = WireFixtures.load("200-ok-with-body.sip");
        assertThat(SipFraming.frameLength(one, 0, one.length)).isEqualTo(one.length);
        for (int cut = 0; cut < one.length; cut++) {
            assertThat(SipFraming.frameLength(one, 0, cut)).as("first %d bytes", cut).isEqualTo(-1);
        }
    }

    @Test
    void findsTheSecondMessageAfterKeepAlives() throws Exception {
        byte[] one = WireFixtures.load("200-ok-with-body.sip");
        byte[] two = WireFixtures.load("503-no-retry-after.sip");
        byte[] stream = new byte[one.length + 4 + two.length];
        System.arraycopy(one, 0, stream, 0, one.length);
        System.arraycopy(ascii("\r\n\r\n"), 0, stream, one.length, 4);
        System.arraycopy(two, 0, stream, one.length + 4, two.length);
        int first = SipFraming.frameLength(stream, 0, stream.length);
        assertThat(first).isEqualTo(one.length);
        int keepAlives = SipFraming.keepAliveBytes(i -> stream[first + i], stream.length - first);
        assertThat(keepAlives).isEqualTo(4);
        int at = first + keepAlives;
        assertThat(SipFraming.frameLength(stream, at, stream.length - at)).isEqualTo(two.length);
    }

    @Test
    void compactAndMissingContentLength() throws Exception {
        byte[] compact = ascii("SIP/2.0 200 OK\r\nl: 2\r\n\r\nabSIP/2.0 404 Nope\r\n\r\n");
        assertThat(SipFraming.frameLength(compact, 0, compact.length)).isEqualTo(26);
        assertThat(SipFraming.frameLength(compact, 26, compact.length - 26)).isEqualTo(compact.length - 26);
    }

    @Test
    void rejectsBadContentLengthAndEndlessHeaders() {
        byte[] negative = ascii("SIP/2.0 200 OK\r\nContent-Length: -1\r\n\r\n");
        assertThatThrownBy(() -> SipFraming.frameLength(negative, 0, negative.length))
                .isInstanceOfSatisfying(SipFramingException.class, e -> assertThat(e.tooLong()).isFalse())
                .hasMessageContaining("Content-Length");
        byte[] huge = ascii("SIP/2.0 200 OK\r\nContent-Length: 999999\r\n\r\n");
        assertThatThrownBy(() -> SipFraming.frameLength(huge, 0, huge.length))
                .isInstanceOfSatisfying(SipFramingException.class, e -> assertThat(e.tooLong()).isTrue())
                .hasMessageContaining("exceeds");
        byte[] endless = ascii("SIP/2.0 200 OK\r\nX: " + "a".repeat(SipFraming.MAX_HEADER_BYTES));
        assertThatThrownBy(() -> SipFraming.frameLength(endless, 0, endless.length))
                .isInstanceOfSatisfying(SipFramingException.class, e -> assertThat(e.tooLong()).isTrue())
                .hasMessageContaining("longer than");
    }
}
