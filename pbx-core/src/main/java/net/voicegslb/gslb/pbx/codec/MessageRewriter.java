package net.voicegslb.gslb.pbx.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What a proxy changes in a message it forwards (RFC 3261 16.6 and 16.7), done on the original
 * bytes: a new Request-URI, our Via on top (or our Via removed from a response), Max-Forwards
 * decremented, our Route entry removed, our Record-Route added, and a replaced body (anchored
 * SDP) with its Content-Length. Every other octet is copied as received.
 */
public final class MessageRewriter {

    private MessageRewriter() {}

    /**
     * @param requestUri new Request-URI, or null to keep it
     * @param viaLine our Via line with CRLF
     * @param recordRouteLine our Record-Route line with CRLF, or null
     * @param dropFirstRoute remove the first Route value (it named us)
     * @param body replacement body, or null to keep the original
     */
    public static byte[] forwardRequest(SipMessage m, String requestUri, String viaLine, String recordRouteLine,
            boolean dropFirstRoute, byte[] body) {
        return forwardRequest(m, requestUri, viaLine, recordRouteLine, dropFirstRoute, false, body);
    }

    /**
     * As above; {@code dropLastRoute} also removes the last Route value, which became the
     * Request-URI because the previous hop was a strict router (RFC 3261 16.4).
     */
    public static byte[] forwardRequest(SipMessage m, String requestUri, String viaLine, String recordRouteLine,
            boolean dropFirstRoute, boolean dropLastRoute, byte[] body) {
        if (dropLastRoute) {
            return forwardWithRouteSet(m, requestUri, viaLine, recordRouteLine, dropFirstRoute ? 1 : 0, true, body);
        }
        byte[] b = m.buf;
        Out out = startForward(m, requestUri, viaLine, recordRouteLine);
        boolean routeDropped = !dropFirstRoute;
        for (int i = 0; i < m.headerCount; i++) {
            HeaderName h = m.names[i];
            if (h == HeaderName.MAX_FORWARDS) {
                out.ascii("Max-Forwards: " + Math.max(0, m.maxForwards - 1) + "\r\n");
            } else if (h == HeaderName.ROUTE && !routeDropped) {
                routeDropped = true;
                writeWithoutFirstValue(out, b, m.valueStart[i], m.valueEnd[i], m.routes.get(0).valueEnd(), "Route: ");
            } else if (h == HeaderName.CONTENT_LENGTH && body != null) {
                continue;
            } else {
                out.line(b, m.lineStart[i], m.lineEnd[i]);
            }
        }
        return endForward(out, m, body);
    }

    /**
     * As above, removing the first {@code dropFirstRoutes} Route values: two when both of our
     * Record-Routes of a call that changes transport are on top (RFC 5658).
     */
    public static byte[] forwardRequest(SipMessage m, String requestUri, String viaLine, String recordRouteLine,
            int dropFirstRoutes, boolean dropLastRoute, byte[] body) {
        if (dropFirstRoutes <= 1) {
            return forwardRequest(m, requestUri, viaLine, recordRouteLine, dropFirstRoutes == 1, dropLastRoute, body);
        }
        return forwardWithRouteSet(m, requestUri, viaLine, recordRouteLine, dropFirstRoutes, dropLastRoute, body);
    }

    /** Every Route header replaced by one holding the kept values, copied as received. */
    private static byte[] forwardWithRouteSet(SipMessage m, String requestUri, String viaLine,
            String recordRouteLine, int dropFirstRoutes, boolean dropLastRoute, byte[] body) {
        byte[] b = m.buf;
        Out out = startForward(m, requestUri, viaLine, recordRouteLine);
        int from = Math.min(dropFirstRoutes, m.routes.size());
        int to = dropLastRoute ? m.routes.size() - 1 : m.routes.size();
        boolean routeWritten = false;
        for (int i = 0; i < m.headerCount; i++) {
            HeaderName h = m.names[i];
            if (h == HeaderName.MAX_FORWARDS) {
                out.ascii("Max-Forwards: " + Math.max(0, m.maxForwards - 1) + "\r\n");
            } else if (h == HeaderName.ROUTE) {
                if (!routeWritten && from < to) {
                    out.ascii("Route: ");
                    for (int r = from; r < to; r++) {
                        NameAddr v = m.routes.get(r);
                        if (r > from) {
                            out.ascii(", ");
                        }
                        out.write(b, v.valueStart(), v.valueEnd() - v.valueStart());
                    }
                    out.ascii("\r\n");
                }
                routeWritten = true;
            } else if (h == HeaderName.CONTENT_LENGTH && body != null) {
                continue;
            } else {
                out.line(b, m.lineStart[i], m.lineEnd[i]);
            }
        }
        return endForward(out, m, body);
    }

    /** Request line (new Request-URI or the received one), our Via and Record-Route. */
    private static Out startForward(SipMessage m, String requestUri, String viaLine, String recordRouteLine) {
        byte[] b = m.buf;
        Out out = new Out(m.length + 256);
        out.write(b, m.methodStart, m.methodEnd - m.methodStart);
        out.ascii(" ");
        if (requestUri != null) {
            out.ascii(requestUri);
        } else {
            out.write(b, m.uriStart, m.uriEnd - m.uriStart);
        }
        out.ascii(" SIP/2.0\r\n");
        out.ascii(viaLine);
        if (recordRouteLine != null) {
            out.ascii(recordRouteLine);
        }
        return out;
    }

    /** Max-Forwards when the request had none (RFC 3261 16.6 step 3), then the body. */
    private static byte[] endForward(Out out, SipMessage m, byte[] body) {
        if (m.maxForwards < 0) {
            out.ascii("Max-Forwards: 70\r\n");
        }
        finish(out, m, body);
        return out.toByteArray();
    }

    /** The response without its top Via value (ours), optionally with a new body. */
    public static byte[] relayResponse(SipMessage m, byte[] body) {
        byte[] b = m.buf;
        Out out = new Out(m.length + 64);
        out.line(b, 0, m.startLineEnd);
        boolean viaDone = false;
        for (int i = 0; i < m.headerCount; i++) {
            HeaderName h = m.names[i];
            if (h == HeaderName.VIA && !viaDone) {
                viaDone = true;
                writeWithoutFirstValue(out, b, m.valueStart[i], m.valueEnd[i], m.vias.get(0).valueEnd(), "Via: ");
            } else if (h == HeaderName.CONTENT_LENGTH && body != null) {
                continue;
            } else {
                out.line(b, m.lineStart[i], m.lineEnd[i]);
            }
        }
        finish(out, m, body);
        return out.toByteArray();
    }

    private static void finish(Out out, SipMessage m, byte[] body) {
        if (body != null) {
            out.ascii("Content-Length: " + body.length + "\r\n\r\n");
            out.write(body, 0, body.length);
        } else {
            if (m.contentLength < 0) {
                out.ascii("Content-Length: " + m.bodyLength + "\r\n");
            }
            out.ascii("\r\n");
            out.write(m.buf, m.bodyStart, m.bodyLength);
        }
    }

    /** A header line minus its first comma-separated value; nothing when that was the only one. */
    private static void writeWithoutFirstValue(Out out, byte[] b, int valueStart, int valueEnd, int firstEnd,
            String name) {
        int p = Bytes.skipWs(b, firstEnd, valueEnd);
        if (p < valueEnd && b[p] == ',') {
            p = Bytes.skipWs(b, p + 1, valueEnd);
            out.ascii(name);
            out.write(b, p, valueEnd - p);
            out.ascii("\r\n");
        }
    }

    private static final class Out extends ByteArrayOutputStream {
        Out(int size) {
            super(size);
        }

        void ascii(String s) {
            byte[] x = s.getBytes(StandardCharsets.UTF_8);
            write(x, 0, x.length);
        }

        void line(byte[] b, int start, int end) {
            write(b, start, end - start);
            write('\r');
            write('\n');
        }
    }
}
