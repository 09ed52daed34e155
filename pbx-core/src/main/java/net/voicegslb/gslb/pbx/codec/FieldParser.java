package net.voicegslb.gslb.pbx.codec;

import java.util.List;
import java.util.Locale;

/**
 * Full parses of the header values the node acts on (RFC 3261 25.1 grammar, with LWS wherever
 * the grammar allows it). Every method works on [start, end) of the message buffer and throws
 * {@link SipParseException} with a reason fit for a 400 response.
 */
final class FieldParser {

    private FieldParser() {}

    /** Adds every Via value of one header line to {@code out}. */
    static void vias(byte[] b, int start, int end, List<Via> out) throws SipParseException {
        int p = start;
        while (true) {
            p = Bytes.skipWs(b, p, end);
            int valueStart = p;
            int t = Bytes.tokenEnd(b, p, end);
            if (t == p || !Bytes.equalsIgnoreCase(b, p, t, "SIP")) {
                throw new SipParseException("Via: protocol must be SIP");
            }
            p = expect(b, Bytes.skipWs(b, t, end), end, '/', "Via: '/' expected");
            p = Bytes.skipWs(b, p, end);
            t = Bytes.tokenEnd(b, p, end);
            if (!Bytes.equalsIgnoreCase(b, p, t, "2.0")) {
                throw new SipParseException("Via: version must be 2.0");
            }
            p = expect(b, Bytes.skipWs(b, t, end), end, '/', "Via: '/' expected");
            p = Bytes.skipWs(b, p, end);
            t = Bytes.tokenEnd(b, p, end);
            if (t == p) {
                throw new SipParseException("Via: transport missing");
            }
            String transport = Bytes.ascii(b, p, t).toUpperCase(Locale.ROOT);
            p = Bytes.skipWs(b, t, end);
            if (p == t) {
                throw new SipParseException("Via: space expected before sent-by");
            }
            int hostStart = p;
            p = hostEnd(b, p, end);
            if (p == hostStart) {
                throw new SipParseException("Via: sent-by host missing");
            }
            String host = Bytes.ascii(b, hostStart, p).toLowerCase(Locale.ROOT);
            int port = 0;
            p = Bytes.skipWs(b, p, end);
            if (p < end && b[p] == ':') {
                p = Bytes.skipWs(b, p + 1, end);
                int q = p;
                while (q < end && Bytes.isDigit(b[q])) {
                    q++;
                }
                long v = Bytes.decimal(b, p, q, 65535);
                if (v < 1) {
                    throw new SipParseException("Via: bad port");
                }
                port = (int) v;
                p = q;
            }
            String branch = null;
            String received = null;
            boolean rport = false;
            int rportEnd = -1;
            int rportValue = -1;
            int valueEnd = Bytes.trimEnd(b, valueStart, p);
            p = Bytes.skipWs(b, p, end);
            while (p < end && b[p] == ';') {
                p = Bytes.skipWs(b, p + 1, end);
                int n = Bytes.tokenEnd(b, p, end);
                if (n == p) {
                    throw new SipParseException("Via: empty parameter");
                }
                int nameStart = p;
                p = Bytes.skipWs(b, n, end);
                int vs = -1;
                int ve = -1;
                if (p < end && b[p] == '=') {
                    p = Bytes.skipWs(b, p + 1, end);
                    vs = p;
                    p = paramValueEnd(b, p, end);
                    ve = p;
                    if (ve == vs) {
                        throw new SipParseException("Via: empty parameter value");
                    }
                }
                if (Bytes.equalsIgnoreCase(b, nameStart, n, "branch")) {
                    if (vs < 0) {
                        throw new SipParseException("Via: branch without value");
                    }
                    branch = Bytes.ascii(b, vs, ve);
                } else if (Bytes.equalsIgnoreCase(b, nameStart, n, "rport")) {
                    rport = true;
                    if (vs < 0) {
                        rportEnd = n;
                    } else {
                        long v = Bytes.decimal(b, vs, ve, 65535);
                        if (v < 0) {
                            throw new SipParseException("Via: bad rport");
                        }
                        rportValue = (int) v;
                    }
                } else if (Bytes.equalsIgnoreCase(b, nameStart, n, "received") && vs >= 0) {
                    received = Bytes.ascii(b, vs, ve);
                }
                valueEnd = p;
                p = Bytes.skipWs(b, p, end);
            }
            out.add(new Via(transport, host, port, branch, rport, rportEnd, rportValue, received, valueStart,
                    Bytes.trimEnd(b, valueStart, valueEnd)));
            if (p >= end) {
                return;
            }
            if (b[p] != ',') {
                throw new SipParseException("Via: unexpected character");
            }
            p++;
        }
    }

    /** One name-addr or addr-spec with its parameters; {@code out[0]} receives the end position. */
    static NameAddr nameAddr(byte[] b, int start, int end, boolean wildcardAllowed, int[] out)
            throws SipParseException {
        int p = Bytes.skipWs(b, start, end);
        int valueStart = p;
        if (p >= end) {
            throw new SipParseException("empty address");
        }
        SipUri uri;
        if (b[p] == '*' && wildcardAllowed) {
            p = Bytes.skipWs(b, p + 1, end);
            if (p != end) {
                throw new SipParseException("Contact: * must stand alone");
            }
            out[0] = p;
            return NameAddr.WILDCARD;
        }
        if (b[p] == '"') {
            int q = Bytes.quotedEnd(b, p, end);
            if (q < 0) {
                throw new SipParseException("unterminated quoted display name");
            }
            p = Bytes.skipWs(b, q, end);
            if (p >= end || b[p] != '<') {
                throw new SipParseException("'<' expected after display name");
            }
        } else {
            int q = p;
            while (q < end && (Bytes.isToken(b[q]) || Bytes.isWs(b[q]))) {
                q++;
            }
            if (q < end && b[q] == '<') {
                p = q;
            }
        }
        if (b[p] == '<') {
            int close = Bytes.indexOf(b, p + 1, end, '>');
            if (close < 0) {
                throw new SipParseException("'>' missing");
            }
            uri = SipUri.parse(b, p + 1, close);
            p = close + 1;
        } else {
            int q = p;
            while (q < end && b[q] != ';' && b[q] != ',' && !Bytes.isWs(b[q])) {
                q++;
            }
            uri = SipUri.parse(b, p, q);
            if (uri.hasHeaders()) {
                throw new SipParseException("a URI with headers must be enclosed in <>");
            }
            p = q;
        }
        String tag = null;
        int expires = -1;
        int valueEnd = p;
        p = Bytes.skipWs(b, p, end);
        while (p < end && b[p] == ';') {
            p = Bytes.skipWs(b, p + 1, end);
            int n = Bytes.tokenEnd(b, p, end);
            if (n == p) {
                throw new SipParseException("empty header parameter");
            }
            int nameStart = p;
            p = Bytes.skipWs(b, n, end);
            int vs = -1;
            int ve = -1;
            if (p < end && b[p] == '=') {
                p = Bytes.skipWs(b, p + 1, end);
                vs = p;
                if (p < end && b[p] == '"') {
                    p = Bytes.quotedEnd(b, p, end);
                    if (p < 0) {
                        throw new SipParseException("unterminated quoted parameter value");
                    }
                } else {
                    p = paramValueEnd(b, p, end);
                }
                ve = p;
                if (ve == vs) {
                    throw new SipParseException("empty parameter value");
                }
            }
            if (vs >= 0 && Bytes.equalsIgnoreCase(b, nameStart, n, "tag")) {
                tag = Bytes.ascii(b, vs, ve);
            } else if (vs >= 0 && Bytes.equalsIgnoreCase(b, nameStart, n, "expires")) {
                long v = Bytes.decimal(b, vs, ve, Integer.MAX_VALUE);
                // RFC 4475 3.1.2.4: an overlarge expiry may be treated as a long one, not an error.
                expires = v == -2 ? Integer.MAX_VALUE : (int) v;
            }
            valueEnd = p;
            p = Bytes.skipWs(b, p, end);
        }
        out[0] = p;
        return new NameAddr(uri, tag, expires, false, valueStart, valueEnd);
    }

    /** Every comma-separated name-addr of one header line. */
    static void nameAddrs(byte[] b, int start, int end, boolean wildcardAllowed, List<NameAddr> out)
            throws SipParseException {
        int[] pos = new int[1];
        int p = start;
        while (true) {
            out.add(nameAddr(b, p, end, wildcardAllowed, pos));
            p = pos[0];
            if (p >= end) {
                return;
            }
            if (b[p] != ',') {
                throw new SipParseException("unexpected character in address list");
            }
            p++;
        }
    }

    static NameAddr single(byte[] b, int start, int end, String field) throws SipParseException {
        int[] pos = new int[1];
        NameAddr a = nameAddr(b, start, end, false, pos);
        if (pos[0] != end) {
            throw new SipParseException(field + ": one address expected");
        }
        return a;
    }

    static CSeq cseq(byte[] b, int start, int end) throws SipParseException {
        int p = Bytes.skipWs(b, start, end);
        int q = p;
        while (q < end && Bytes.isDigit(b[q])) {
            q++;
        }
        long n = Bytes.decimal(b, p, q, Integer.MAX_VALUE);
        if (n == -2) {
            throw new SipParseException("CSeq number too large");
        }
        if (n < 0) {
            throw new SipParseException("CSeq number missing");
        }
        p = Bytes.skipWs(b, q, end);
        if (p == q) {
            throw new SipParseException("CSeq: space expected");
        }
        int m = Bytes.tokenEnd(b, p, end);
        if (m == p || Bytes.skipWs(b, m, end) != end) {
            throw new SipParseException("CSeq: bad method");
        }
        return new CSeq(n, SipMethod.of(b, p, m), Bytes.ascii(b, p, m));
    }

    static String callId(byte[] b, int start, int end) throws SipParseException {
        int s = Bytes.skipWs(b, start, end);
        int e = Bytes.trimEnd(b, s, end);
        if (s == e) {
            throw new SipParseException("Call-ID empty");
        }
        int ats = 0;
        for (int i = s; i < e; i++) {
            if (b[i] == '@') {
                ats++;
            } else if (!Bytes.isWord(b[i])) {
                throw new SipParseException("Call-ID: bad character");
            }
        }
        if (ats > 1 || b[s] == '@' || b[e - 1] == '@') {
            throw new SipParseException("Call-ID: bad form");
        }
        return Bytes.ascii(b, s, e);
    }

    /** A number where an overlarge value is clamped (Expires), or an error. */
    static long number(byte[] b, int start, int end, long max, String field) throws SipParseException {
        int s = Bytes.skipWs(b, start, end);
        int e = Bytes.trimEnd(b, s, end);
        long v = Bytes.decimal(b, s, e, max);
        if (v == -1) {
            throw new SipParseException(field + ": not a number");
        }
        return v;
    }

    private static int hostEnd(byte[] b, int p, int end) {
        if (p < end && b[p] == '[') {
            int close = Bytes.indexOf(b, p, end, ']');
            return close < 0 ? p : close + 1;
        }
        while (p < end && (Bytes.isAlpha(b[p]) || Bytes.isDigit(b[p]) || b[p] == '-' || b[p] == '.')) {
            p++;
        }
        return p;
    }

    private static int paramValueEnd(byte[] b, int p, int end) {
        if (p < end && b[p] == '[') {
            int close = Bytes.indexOf(b, p, end, ']');
            return close < 0 ? p : close + 1;
        }
        while (p < end && (Bytes.isToken(b[p]) || b[p] == ':')) {
            p++;
        }
        return p;
    }

    private static int expect(byte[] b, int p, int end, char c, String reason) throws SipParseException {
        if (p >= end || b[p] != c) {
            throw new SipParseException(reason);
        }
        return p + 1;
    }
}
