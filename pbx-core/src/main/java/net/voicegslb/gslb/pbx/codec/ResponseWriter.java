package net.voicegslb.gslb.pbx.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Builds responses to a parsed request by copying its Via, From, To, Call-ID and CSeq lines
 * byte for byte (RFC 3261 8.2.6.2), adding received/rport to the top Via (RFC 3581) and a To tag
 * when one is needed. Nothing the peer sent is re-encoded.
 */
public final class ResponseWriter {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] VERSION = "SIP/2.0 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RECEIVED = ";received=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RPORT = ";rport=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAG = ";tag=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH_0 = "Content-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final byte[] server;

    public ResponseWriter(String serverName) {
        this.server = ("Server: " + serverName + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param source where the request came from (for received/rport)
     * @param toTag added to To when the request's To has none and the status is above 100
     * @param extraHeaders complete header lines, each ending in CRLF, or null
     * @param body with its Content-Type line in extraHeaders, or null
     */
    public ByteBuf write(ByteBufAllocator alloc, SipMessage request, int status, String reason,
            InetSocketAddress source, String toTag, String extraHeaders, byte[] body) {
        byte[] b = request.buf;
        ByteBuf out = alloc.ioBuffer(256 + request.length / 2 + (extraHeaders == null ? 0 : extraHeaders.length() * 2));
        out.writeBytes(VERSION);
        writeInt(out, status);
        out.writeByte(' ');
        out.writeCharSequence(reason, StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
        boolean firstVia = true;
        for (int i = 0; i < request.headerCount; i++) {
            HeaderName name = request.names[i];
            int ls = request.lineStart[i];
            int le = request.lineEnd[i];
            switch (name) {
                case VIA -> {
                    if (firstVia) {
                        topVia(out, b, ls, le, request.topVia(), source);
                        firstVia = false;
                    } else {
                        out.writeBytes(b, ls, le - ls);
                    }
                    out.writeBytes(CRLF);
                }
                case TO -> {
                    out.writeBytes(b, ls, le - ls);
                    if (toTag != null && status > 100 && request.to.tag() == null) {
                        out.writeBytes(TAG);
                        out.writeCharSequence(toTag, StandardCharsets.US_ASCII);
                    }
                    out.writeBytes(CRLF);
                }
                case FROM, CALL_ID, CSEQ -> {
                    out.writeBytes(b, ls, le - ls);
                    out.writeBytes(CRLF);
                }
                case RECORD_ROUTE -> {
                    // copied into responses of dialog-creating requests (RFC 3261 12.1.1)
                    if (request.method == SipMethod.INVITE && status > 100 && status < 300) {
                        out.writeBytes(b, ls, le - ls);
                        out.writeBytes(CRLF);
                    }
                }
                default -> { }
            }
        }
        out.writeBytes(server);
        if (extraHeaders != null) {
            out.writeCharSequence(extraHeaders, StandardCharsets.UTF_8);
        }
        if (body == null || body.length == 0) {
            out.writeBytes(CONTENT_LENGTH_0);
        } else {
            out.writeCharSequence("Content-Length: ", StandardCharsets.US_ASCII);
            writeInt(out, body.length);
            out.writeBytes(CRLF);
            out.writeBytes(CRLF);
            out.writeBytes(body);
        }
        return out;
    }

    /** The first Via line with received (always, when rport was asked for) and rport filled in. */
    private static void topVia(ByteBuf out, byte[] b, int ls, int le, Via via, InetSocketAddress source) {
        int end = via.valueEnd();
        String ip = source.getAddress().getHostAddress();
        if (via.rportEnd() > 0) {
            out.writeBytes(b, ls, via.rportEnd() - ls);
            out.writeByte('=');
            writeInt(out, source.getPort());
            out.writeBytes(b, via.rportEnd(), end - via.rportEnd());
        } else {
            out.writeBytes(b, ls, end - ls);
        }
        if (via.rport() || !ip.equals(via.host())) {
            if (via.received() == null) {
                out.writeBytes(RECEIVED);
                out.writeCharSequence(ip, StandardCharsets.US_ASCII);
            }
        }
        out.writeBytes(b, end, le - end);
    }

    static void writeInt(ByteBuf out, int v) {
        if (v >= 0 && v < 10) {
            out.writeByte('0' + v);
            return;
        }
        out.writeCharSequence(Integer.toString(v), StandardCharsets.US_ASCII);
    }

    /**
     * A best-effort response to a request that failed to parse: its Via, From, To, Call-ID and
     * CSeq lines are copied as they are (they may be the broken part). Null when the bytes are a
     * response or have no Via at all: then nothing can be answered.
     */
    public ByteBuf writeForMalformed(ByteBufAllocator alloc, byte[] raw, int length, int status, String reason) {
        int lf = Bytes.indexOf(raw, 0, length, '\n');
        if (lf < 0 || (length >= 4 && Bytes.equalsIgnoreCase(raw, 0, 4, "SIP/"))) {
            return null;
        }
        ByteBuf out = alloc.ioBuffer(512);
        out.writeBytes(VERSION);
        writeInt(out, status);
        out.writeByte(' ');
        out.writeCharSequence(reason.replace('\r', ' ').replace('\n', ' '), StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
        boolean via = false;
        int p = lf + 1;
        while (p < length) {
            int e = Bytes.indexOf(raw, p, length, '\n');
            if (e < 0) {
                break;
            }
            int ce = e > p && raw[e - 1] == '\r' ? e - 1 : e;
            if (ce == p) {
                break;
            }
            int colon = Bytes.indexOf(raw, p, ce, ':');
            if (colon > p) {
                HeaderName h = HeaderName.of(raw, p, Bytes.trimEnd(raw, p, colon));
                if (h == HeaderName.VIA || h == HeaderName.FROM || h == HeaderName.TO || h == HeaderName.CALL_ID
                        || h == HeaderName.CSEQ) {
                    via |= h == HeaderName.VIA;
                    out.writeBytes(raw, p, ce - p);
                    out.writeBytes(CRLF);
                }
            }
            p = e + 1;
        }
        if (!via) {
            out.release();
            return null;
        }
        out.writeBytes(CONTENT_LENGTH_0);
        return out;
    }
}
