package net.voicegslb.gslb.pbx.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Frames SIP messages on a TCP stream (RFC 3261 18.3): the header section ends at the first empty
 * line and Content-Length (absent = 0) says how much body follows. Emits each message as a
 * byte[]; a header section or body beyond the size limit closes the connection, since the stream
 * cannot be resynchronised.
 */
final class SipStreamDecoder extends ByteToMessageDecoder {

    private final int maxSize;

    SipStreamDecoder(int maxSize) {
        this.maxSize = maxSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        // CRLF keepalives between messages (RFC 5626 3.5.1) are skipped
        while (in.isReadable() && (in.getByte(in.readerIndex()) == '\r' || in.getByte(in.readerIndex()) == '\n')) {
            in.skipBytes(1);
        }
        int start = in.readerIndex();
        int readable = in.readableBytes();
        int headerEnd = -1;
        int limit = Math.min(readable, maxSize);
        for (int i = 3; i < limit; i++) {
            if (in.getByte(start + i) == '\n' && in.getByte(start + i - 1) == '\r'
                    && in.getByte(start + i - 2) == '\n' && in.getByte(start + i - 3) == '\r') {
                headerEnd = i + 1;
                break;
            }
        }
        if (headerEnd < 0) {
            if (readable >= maxSize) {
                throw new TooLongFrameException("SIP header section larger than " + maxSize + " bytes");
            }
            return;
        }
        int bodyLength = contentLength(in, start, start + headerEnd);
        if (bodyLength < 0 || (long) headerEnd + bodyLength > maxSize) {
            throw new TooLongFrameException("SIP message without a usable Content-Length or too large");
        }
        if (readable < headerEnd + bodyLength) {
            return;
        }
        byte[] frame = new byte[headerEnd + bodyLength];
        in.readBytes(frame);
        out.add(frame);
    }

    /** Content-Length (or compact l) of a header block; 0 when absent, -1 when not a number. */
    static int contentLength(ByteBuf in, int from, int to) {
        int lineStart = from;
        for (int i = from; i < to; i++) {
            if (in.getByte(i) != '\n') {
                continue;
            }
            int value = valueIfContentLength(in, lineStart, i);
            if (value != -2) {
                return value;
            }
            lineStart = i + 1;
        }
        return 0;
    }

    private static int valueIfContentLength(ByteBuf in, int start, int end) {
        int colon = -1;
        for (int i = start; i < end; i++) {
            if (in.getByte(i) == ':') {
                colon = i;
                break;
            }
        }
        if (colon < 0) {
            return -2;
        }
        int nameEnd = colon;
        while (nameEnd > start && (in.getByte(nameEnd - 1) == ' ' || in.getByte(nameEnd - 1) == '\t')) {
            nameEnd--;
        }
        String name = in.toString(start, nameEnd - start, java.nio.charset.StandardCharsets.US_ASCII);
        if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("l")) {
            return -2;
        }
        long v = 0;
        boolean digits = false;
        for (int i = colon + 1; i < end; i++) {
            byte c = in.getByte(i);
            if (c >= '0' && c <= '9') {
                v = v * 10 + (c - '0');
                digits = true;
                if (v > Integer.MAX_VALUE) {
                    return -1;
                }
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return -1;
            }
        }
        return digits ? (int) v : -1;
    }
}
