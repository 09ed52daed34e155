package net.voicegslb.gslb.dns.sipcheck;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a SIP byte stream into whole messages (RFC 3261 §18.3): headers up to the blank line, then
 * Content-Length bytes of body. Skips keep-alive CRLFs between messages (RFC 5626 §3.5.1). Emits
 * each message as a {@link ByteBuf}; anything that cannot be framed is an exception, after which the
 * connection is useless and the checker closes it.
 */
public final class SipStreamFramer extends ByteToMessageDecoder {
    static final int MAX_HEADER_BYTES = 16 * 1024;
    static final int MAX_BODY_BYTES = 16 * 1024;

    private boolean broken;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            // Past a framing error no message boundary can be trusted; drop everything until closed.
            in.skipBytes(in.readableBytes());
            return;
        }
        while (true) {
            int length;
            try {
                length = frameLength(in);
            } catch (RuntimeException e) {
                broken = true;
                in.skipBytes(in.readableBytes());
                throw e;
            }
            if (length < 0) {
                return;
            }
            out.add(in.readRetainedSlice(length));
        }
    }

    /**
     * Length of the complete message at the reader index (after skipping leading CRLFs, which it
     * consumes), or -1 if more bytes are needed.
     */
    static int frameLength(ByteBuf in) {
        while (in.isReadable() && (in.getByte(in.readerIndex()) == '\r' || in.getByte(in.readerIndex()) == '\n')) {
            in.skipBytes(1);
        }
        int start = in.readerIndex();
        int limit = Math.min(in.writerIndex(), start + MAX_HEADER_BYTES);
        int headerEnd = -1;
        for (int i = start; i + 3 < limit; i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r' && in.getByte(i + 3) == '\n') {
                headerEnd = i + 4;
                break;
            }
        }
        if (headerEnd < 0) {
            if (in.readableBytes() >= MAX_HEADER_BYTES) {
                throw new TooLongFrameException("SIP header section longer than " + MAX_HEADER_BYTES + " bytes");
            }
            return -1;
        }
        int body = contentLength(in.toString(start, headerEnd - start, StandardCharsets.ISO_8859_1));
        int total = headerEnd - start + body;
        return in.readableBytes() >= total ? total : -1;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (name.equals("content-length") || name.equals("l")) {
                String v = line.substring(colon + 1).strip();
                if (v.isEmpty() || v.length() > 6 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new CorruptedFrameException("Content-Length is not a small number: " + OptionsResponseParser.printable(v));
                }
                int n = Integer.parseInt(v);
                if (n > MAX_BODY_BYTES) {
                    throw new TooLongFrameException("Content-Length " + n + " exceeds " + MAX_BODY_BYTES);
                }
                return n;
            }
        }
        // Mandatory on streams; a response without one most plausibly has no body.
        return 0;
    }
}
