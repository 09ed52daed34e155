package net.voicegslb.gslb.pbx.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Frames SIP messages on a TCP stream (RFC 3261 18.3): the header section ends at the first empty
 * line and Content-Length (absent = 0) says how much body follows. Emits each message as a
 * byte[]; a header section or body beyond the size limit closes the connection, since the stream
 * cannot be resynchronised. So does a Content-Length that is not a number, but only once the
 * header section went up alone, so that the sender learns why (400 with the reason).
 *
 * <p>The scan for the empty line resumes where the previous read left it, so a message that
 * arrives a byte at a time costs linear, not quadratic, work. A message must arrive whole within
 * {@code messageTimeoutMillis} of the read that brought its first bytes, or the connection is
 * closed (a slow sender would otherwise hold a connection and its buffer for ever while
 * refreshing the idle timeout with every byte). The deadline is armed only when a read ends in
 * the middle of a message, so whole messages cost no timer.
 */
final class SipStreamDecoder extends ByteToMessageDecoder {

    private static final byte[] PING = {'\r', '\n', '\r', '\n'};
    private static final byte[] PONG = {'\r', '\n'};

    private final int maxSize;
    /** How much of a double-CRLF ping has arrived between messages (it may be split across reads). */
    private int pingProgress;
    private final long messageTimeoutNanos;
    private final TransportCounters counters;
    /** Offset (from the message's first byte) where the search for the empty line resumes; 0 = no message begun. */
    private int scanned;
    /** Length of the current message's header section, once found; -1 before. */
    private int headerEnd = -1;
    private int bodyLength;
    /** System.nanoTime() of the first read that left the current message incomplete; 0 = none. */
    private long partialSince;
    private ScheduledFuture<?> deadline;
    /** A Content-Length that is no number: nothing after it can be framed; the connection is closing. */
    private boolean lost;
    /** Bytes examined by the header scan, for tests of its linearity. */
    private long examined;

    SipStreamDecoder(int maxSize, long messageTimeoutMillis, TransportCounters counters) {
        this.maxSize = maxSize;
        this.messageTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(messageTimeoutMillis);
        this.counters = counters;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (lost) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (scanned == 0) {
            // CRLF keepalives between messages (RFC 5626 3.5.1): a double CRLF "ping" is answered
            // with a single CRLF "pong", which tells the phone its flow still works; lone CRLFs are skipped
            while (in.isReadable() && (in.getByte(in.readerIndex()) == '\r' || in.getByte(in.readerIndex()) == '\n')) {
                pingProgress = nextPingProgress(pingProgress, in.readByte());
                if (pingProgress == PING.length) {
                    pingProgress = 0;
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(PONG), ctx.voidPromise());
                }
            }
            if (!in.isReadable()) {
                return;
            }
        }
        pingProgress = 0;
        int start = in.readerIndex();
        int readable = in.readableBytes();
        if (headerEnd < 0) {
            int limit = Math.min(readable, maxSize);
            for (int i = Math.max(scanned, 3); i < limit; i++) {
                examined++;
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
                scanned = Math.max(limit, 1);
                incomplete(ctx);
                return;
            }
            bodyLength = contentLength(in, start, start + headerEnd);
            if (bodyLength < 0) {
                // The body's extent is unknown, so the stream is lost after this message; but its
                // header section is whole: it goes up alone, to be answered 400 with the reason
                // (the parser refuses the Content-Length), and the connection closes after that.
                byte[] headers = new byte[headerEnd];
                in.readBytes(headers);
                out.add(headers);
                lost = true;
                ctx.channel().eventLoop().execute(ctx::close);
                return;
            }
            if ((long) headerEnd + bodyLength > maxSize) {
                throw new TooLongFrameException("SIP message of " + (headerEnd + (long) bodyLength)
                        + " bytes, larger than " + maxSize);
            }
            scanned = headerEnd;
        }
        if (readable < headerEnd + bodyLength) {
            incomplete(ctx);
            return;
        }
        byte[] frame = new byte[headerEnd + bodyLength];
        in.readBytes(frame);
        out.add(frame);
        scanned = 0;
        headerEnd = -1;
        partialSince = 0;
    }

    /** The read ended inside a message: make sure a deadline watches it. */
    private void incomplete(ChannelHandlerContext ctx) {
        if (partialSince == 0) {
            partialSince = System.nanoTime() | 1; // never 0 while a message is pending
        }
        if (deadline == null) {
            deadline = ctx.executor().schedule(() -> checkDeadline(ctx), messageTimeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void checkDeadline(ChannelHandlerContext ctx) {
        deadline = null;
        if (partialSince == 0 || !ctx.channel().isActive()) {
            return;
        }
        long left = messageTimeoutNanos - (System.nanoTime() - partialSince);
        if (left > 0) {
            // a later message is pending, begun after this deadline was armed
            deadline = ctx.executor().schedule(() -> checkDeadline(ctx), left, TimeUnit.NANOSECONDS);
            return;
        }
        counters.messageTimeout();
        ctx.close();
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        ScheduledFuture<?> d = deadline;
        if (d != null) {
            d.cancel(false);
        }
    }

    /** The ping matched so far after {@code b}: CR LF CR LF in order, a stray CR starts over. */
    static int nextPingProgress(int progress, byte b) {
        if (b == PING[progress]) {
            return progress + 1;
        }
        return b == '\r' ? 1 : 0;
    }

    long examinedBytes() {
        return examined;
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
