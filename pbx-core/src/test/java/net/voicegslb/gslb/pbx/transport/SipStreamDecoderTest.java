package net.voicegslb.gslb.pbx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Framing SIP on a stream: whole, split anywhere, byte by byte (in linear time), and too large. */
class SipStreamDecoderTest {

    private static final String OPTIONS = "OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bKa\r\n"
            + "Call-ID: a\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    private static final String MESSAGE = "MESSAGE sip:b@x SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bKb\r\n"
            + "l: 5\r\n\r\nhello";

    private final SipStreamDecoder decoder = new SipStreamDecoder(65_535, 10_000,
            new TransportCounters(new SimpleMeterRegistry()));
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    private List<String> frames() {
        List<String> out = new ArrayList<>();
        for (byte[] f; (f = channel.readInbound()) != null; ) {
            out.add(new String(f, StandardCharsets.US_ASCII));
        }
        return out;
    }

    private void write(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }

    @Test
    void pipelinedMessagesAndCrlfKeepalivesBetweenThem() {
        write("\r\n\r\n" + OPTIONS + "\r\n" + MESSAGE + OPTIONS);
        assertThat(frames()).containsExactly(OPTIONS, MESSAGE, OPTIONS);
    }

    @Test
    void doubleCrlfPingsGetOneCrlfPongEachEvenWhenSplitAndLoneCrlfsNone() {
        write("\r\n\r\n");
        write("\r\n\r");
        write("\n" + OPTIONS + "\r\n");
        write("\n\r\n\r\n\r\n"); // "\n" ends nothing; then one whole ping and a lone CRLF
        assertThat(frames()).containsExactly(OPTIONS);
        List<String> pongs = new ArrayList<>();
        for (io.netty.buffer.ByteBuf b; (b = channel.readOutbound()) != null; ) {
            pongs.add(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        assertThat(pongs).containsExactly("\r\n", "\r\n", "\r\n");
    }

    @Test
    void pingProgressFollowsCrLfCrLfAndAStrayCrStartsOver() {
        int p = 0;
        for (byte b : "\r\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) {
            p = SipStreamDecoder.nextPingProgress(p, b);
        }
        assertThat(p).isEqualTo(4);
        assertThat(SipStreamDecoder.nextPingProgress(2, (byte) '\n')).isZero();
    }

    @Test
    void twoMessagesSplitAtEveryPositionFrameTheSame() {
        String both = MESSAGE + OPTIONS;
        for (int cut = 1; cut < both.length(); cut++) {
            EmbeddedChannel ch = new EmbeddedChannel(new SipStreamDecoder(65_535, 10_000,
                    new TransportCounters(new SimpleMeterRegistry())));
            ch.writeInbound(Unpooled.copiedBuffer(both.substring(0, cut), StandardCharsets.US_ASCII));
            ch.writeInbound(Unpooled.copiedBuffer(both.substring(cut), StandardCharsets.US_ASCII));
            List<String> out = new ArrayList<>();
            for (byte[] f; (f = ch.readInbound()) != null; ) {
                out.add(new String(f, StandardCharsets.US_ASCII));
            }
            assertThat(out).as("cut at %d", cut).containsExactly(MESSAGE, OPTIONS);
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void aLargeMessageFedByteByByteIsScannedOnceNotOncePerByte() {
        String pad = "X-Pad: " + "a".repeat(30_000) + "\r\n";
        String body = "b".repeat(2_000);
        String large = "MESSAGE sip:b@x SIP/2.0\r\n" + pad + "Content-Length: " + body.length() + "\r\n\r\n" + body;
        byte[] bytes = (large + OPTIONS).getBytes(StandardCharsets.US_ASCII);
        for (byte b : bytes) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(frames()).containsExactly(large, OPTIONS);
        // each byte of the header sections looked at once (rescanning from the start would be ~n^2/2 = 5e8)
        assertThat(decoder.examinedBytes()).isLessThanOrEqualTo(bytes.length);
    }

    @Test
    void aHeaderSectionBeyondTheLimitIsRefused() {
        EmbeddedChannel small = new EmbeddedChannel(new SipStreamDecoder(1_500, 10_000,
                new TransportCounters(new SimpleMeterRegistry())));
        assertThatThrownBy(() -> small.writeInbound(Unpooled.copiedBuffer("INVITE sip:a@b SIP/2.0\r\nX: "
                + "y".repeat(1_600), StandardCharsets.US_ASCII))).isInstanceOf(TooLongFrameException.class);
    }

    @Test
    void aBodyBeyondTheLimitIsRefused() {
        assertThatThrownBy(() -> write("MESSAGE sip:b@x SIP/2.0\r\nContent-Length: 99999\r\n\r\n"))
                .isInstanceOf(TooLongFrameException.class);
    }

    /** The header section goes up alone (to be answered 400), the rest is dropped, the connection closed. */
    @Test
    void anUnreadableLengthPassesTheHeadersOnceAndClosesTheConnection() {
        EmbeddedChannel other = new EmbeddedChannel(new SipStreamDecoder(65_535, 10_000,
                new TransportCounters(new SimpleMeterRegistry())));
        String headers = "MESSAGE sip:b@x SIP/2.0\r\nContent-Length: 1x\r\n\r\n";
        other.writeInbound(Unpooled.copiedBuffer(headers + "body" + OPTIONS, StandardCharsets.US_ASCII));
        other.runPendingTasks();
        byte[] first = other.readInbound();
        assertThat(new String(first, StandardCharsets.US_ASCII)).isEqualTo(headers);
        assertThat((Object) other.readInbound()).as("nothing after it can be framed").isNull();
        assertThat(other.isOpen()).isFalse();
    }
}
