package net.voicegslb.gslb.pbx.codec;

import java.util.Locale;

/**
 * The parts of a sip/sips URI that routing uses. {@code text} is the URI as sent. Other schemes
 * (tel:, im:, unknown ones) parse to {@code user == null} with only {@code scheme} and {@code text}
 * set: syntactically fine, and the application decides (416 for a Request-URI).
 */
public record SipUri(String text, String scheme, String user, String host, int port, String transport,
        boolean lr, boolean hasHeaders) {

    public boolean isSip() {
        return scheme.equals("sip") || scheme.equals("sips");
    }

    /** host[:port] as a hop target; the default port when none is given. */
    public int portOrDefault() {
        return port > 0 ? port : scheme.equals("sips") ? 5061 : 5060;
    }

    public static SipUri parse(String text) throws SipParseException {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return parse(b, 0, b.length);
    }

    static SipUri parse(byte[] b, int start, int end) throws SipParseException {
        if (start >= end || !Bytes.isAlpha(b[start])) {
            throw new SipParseException("URI must start with a scheme");
        }
        int i = start + 1;
        while (i < end && (Bytes.isAlpha(b[i]) || Bytes.isDigit(b[i]) || b[i] == '+' || b[i] == '-' || b[i] == '.')) {
            i++;
        }
        if (i >= end || b[i] != ':') {
            throw new SipParseException("URI has no scheme");
        }
        String scheme = Bytes.ascii(b, start, i).toLowerCase(Locale.ROOT);
        String text = Bytes.ascii(b, start, end);
        for (int k = i + 1; k < end; k++) {
            int c = b[k] & 0xFF;
            if (c <= ' ' || c >= 0x7F) {
                throw new SipParseException("URI contains white space or a control character");
            }
        }
        if (!scheme.equals("sip") && !scheme.equals("sips")) {
            if (i + 1 >= end) {
                throw new SipParseException("empty URI");
            }
            return new SipUri(text, scheme, null, null, 0, null, false, false);
        }
        int p = i + 1;
        for (int k = p; k < end; k++) {
            if (b[k] == '%' && (k + 2 >= end || !Bytes.isHex(b[k + 1]) || !Bytes.isHex(b[k + 2]))) {
                throw new SipParseException("bad % escape in URI");
            }
            if (!Bytes.isUriChar(b[k])) {
                throw new SipParseException("character not allowed in SIP URI");
            }
        }
        int at = Bytes.indexOf(b, p, end, '@');
        String user = "";
        if (at >= 0) {
            user = Bytes.ascii(b, p, at);
            p = at + 1;
        }
        int hostStart = p;
        int hostEnd;
        if (p < end && b[p] == '[') {
            int close = Bytes.indexOf(b, p, end, ']');
            if (close < 0) {
                throw new SipParseException("unterminated IPv6 reference in URI");
            }
            hostEnd = close + 1;
        } else {
            hostEnd = p;
            while (hostEnd < end && (Bytes.isAlpha(b[hostEnd]) || Bytes.isDigit(b[hostEnd]) || b[hostEnd] == '-'
                    || b[hostEnd] == '.')) {
                hostEnd++;
            }
        }
        if (hostEnd == hostStart) {
            throw new SipParseException("URI has no host");
        }
        String host = Bytes.ascii(b, hostStart, hostEnd).toLowerCase(Locale.ROOT);
        p = hostEnd;
        int port = 0;
        if (p < end && b[p] == ':') {
            int q = p + 1;
            while (q < end && Bytes.isDigit(b[q])) {
                q++;
            }
            long v = Bytes.decimal(b, p + 1, q, 65535);
            if (v < 1) {
                throw new SipParseException("bad port in URI");
            }
            port = (int) v;
            p = q;
        }
        String transport = null;
        boolean lr = false;
        boolean headers = false;
        while (p < end) {
            if (b[p] == '?') {
                headers = true;
                break;
            }
            if (b[p] != ';') {
                throw new SipParseException("unexpected character after host in URI");
            }
            int nameStart = p + 1;
            int q = nameStart;
            while (q < end && b[q] != ';' && b[q] != '?') {
                q++;
            }
            int eq = Bytes.indexOf(b, nameStart, q, '=');
            int nameEnd = eq < 0 ? q : eq;
            if (nameEnd == nameStart) {
                throw new SipParseException("empty URI parameter");
            }
            if (Bytes.equalsIgnoreCase(b, nameStart, nameEnd, "lr")) {
                lr = true;
            } else if (eq > 0 && Bytes.equalsIgnoreCase(b, nameStart, nameEnd, "transport")) {
                transport = Bytes.ascii(b, eq + 1, q).toLowerCase(Locale.ROOT);
            }
            p = q;
        }
        return new SipUri(text, scheme, user, host, port, transport, lr, headers);
    }
}
