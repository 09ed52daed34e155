package net.voicegslb.gslb.common.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import net.voicegslb.gslb.policy.sip.SipFraming;
import org.junit.jupiter.api.Test;

/** The Netty adapter over policy's {@code SipFraming} (whose own cases are in policy's SipFramingTest). */
class SipStreamFramerTest {
    /** A response with a body, as in policy's wire fixture 200-ok-with-body.sip. */
    private static final String ONE = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bKb1\r\n"
            + "Call-ID: c1@127.0.0.1\r\nCSeq: 7 OPTIONS\r\nContent-Type: application/sdp\r\nContent-Length: 23\r\n\r\n"
            + "v=0\r\no=- 1 1 IN IP4 x\r\n";
    private static final String TWO = "SIP/2.0 503 Service Unavailable\r\nVia: SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bKb1\r\n"
            + "Call-ID: c1@127.0.0.1\r\nCSeq: 7 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    private static String read(EmbeddedChannel ch) {
        ByteBuf b = ch.readInbound();
        try {
            return b == null ? null : b.toString(StandardCharsets.ISO_8859_1);
        } finally {
            if (b != null) {
                b.release();
            }
        }
    }

    @Test
    void framesByContentLengthAcrossArbitrarySplits() {
        byte[] one = ONE.getBytes(StandardCharsets.US_ASCII);
        byte[] two = TWO.getBytes(StandardCharsets.US_ASCII);
        byte[] stream = new byte[2 + one.length + 4 + two.length];
        stream[0] = '\r';
        stream[1] = '\n';
        System.arraycopy(one, 0, stream, 2, one.length);
        System.arraycopy("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0, stream, 2 + one.length, 4);
        System.arraycopy(two, 0, stream, 6 + one.length, two.length);
        for (int chunk : new int[] {1, 3, 7, 64, stream.length}) {
            EmbeddedChannel ch = new EmbeddedChannel(new SipStreamFramer());
            for (int i = 0; i < stream.length; i += chunk) {
                ch.writeInbound(Unpooled.wrappedBuffer(stream, i, Math.min(chunk, stream.length - i)));
            }
            assertThat(read(ch)).as("chunk %d", chunk).isEqualTo(new String(one, StandardCharsets.ISO_8859_1));
            assertThat(read(ch)).as("chunk %d", chunk).isEqualTo(new String(two, StandardCharsets.ISO_8859_1));
            assertThat(read(ch)).isNull();
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void compactContentLengthAndMissingContentLength() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipStreamFramer());
        ch.writeInbound(Unpooled.copiedBuffer("SIP/2.0 200 OK\r\nl: 2\r\n\r\nabSIP/2.0 404 Nope\r\n\r\n",
                StandardCharsets.US_ASCII));
        assertThat(read(ch)).isEqualTo("SIP/2.0 200 OK\r\nl: 2\r\n\r\nab");
        assertThat(read(ch)).isEqualTo("SIP/2.0 404 Nope\r\n\r\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void waitsForTheWholeBody() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipStreamFramer());
        ch.writeInbound(Unpooled.copiedBuffer("SIP/2.0 200 OK\r\nContent-Length: 5\r\n\r\nabc", StandardCharsets.US_ASCII));
        assertThat(read(ch)).isNull();
        ch.writeInbound(Unpooled.copiedBuffer("de", StandardCharsets.US_ASCII));
        assertThat(read(ch)).endsWith("abcde");
        ch.finishAndReleaseAll();
    }

    @Test
    void rejectsBadContentLengthAndEndlessHeaders() {
        EmbeddedChannel bad = new EmbeddedChannel(new SipStreamFramer());
        assertThatThrownBy(() -> bad.writeInbound(Unpooled.copiedBuffer(
                "SIP/2.0 200 OK\r\nContent-Length: -1\r\n\r\n", StandardCharsets.US_ASCII)))
                .isInstanceOf(DecoderException.class).hasMessageContaining("Content-Length");
        EmbeddedChannel huge = new EmbeddedChannel(new SipStreamFramer());
        assertThatThrownBy(() -> huge.writeInbound(Unpooled.copiedBuffer(
                "SIP/2.0 200 OK\r\nContent-Length: 999999\r\n\r\n", StandardCharsets.US_ASCII)))
                .isInstanceOf(DecoderException.class).hasMessageContaining("exceeds");
        EmbeddedChannel endless = new EmbeddedChannel(new SipStreamFramer());
        assertThatThrownBy(() -> endless.writeInbound(Unpooled.wrappedBuffer(
                ("SIP/2.0 200 OK\r\nX: " + "a".repeat(SipFraming.MAX_HEADER_BYTES)).getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(DecoderException.class).hasMessageContaining("longer than");
    }
}
