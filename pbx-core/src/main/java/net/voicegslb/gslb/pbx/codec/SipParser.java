package net.voicegslb.gslb.pbx.codec;

/**
 * RFC 3261 message parser over a byte array: the start line, the header lines (folding,
 * compact names, several values per line), and a full parse of the fields the node acts on.
 * Stateless and thread-safe; the named hot path of the module. Accepts the valid and rejects
 * the invalid messages of RFC 4475 (see wire/sip fixtures).
 */
public final class SipParser {

    private static final long MAX_CSEQ = Integer.MAX_VALUE;

    /**
     * Parses one message occupying {@code buf[0, length)}.
     *
     * @param datagram true for UDP: a missing Content-Length means "the rest of the datagram",
     *     and octets past Content-Length are ignored (RFC 3261 18.3)
     * @return the message, or null for a keepalive (only CRLFs)
     */
    public SipMessage parse(byte[] buf, int length, boolean datagram) throws SipParseException {
        int pos = 0;
        while (pos < length && (buf[pos] == '\r' || buf[pos] == '\n')) {
            pos++;
        }
        if (pos == length) {
            return null;
        }
        SipMessage m = new SipMessage(buf, length);
        int lf = Bytes.indexOf(buf, pos, length, '\n');
        if (lf < 0) {
            throw new SipParseException("start line not terminated");
        }
        int lineEnd = lf > pos && buf[lf - 1] == '\r' ? lf - 1 : lf;
        m.startLineEnd = lineEnd;
        startLine(buf, pos, lineEnd, m);
        pos = lf + 1;
        while (true) {
            if (pos >= length) {
                throw new SipParseException("header section not terminated by an empty line");
            }
            lf = Bytes.indexOf(buf, pos, length, '\n');
            if (lf < 0) {
                throw new SipParseException("header line not terminated");
            }
            int ce = lf > pos && buf[lf - 1] == '\r' ? lf - 1 : lf;
            if (ce == pos) {
                pos = lf + 1;
                break;
            }
            if (buf[pos] == ' ' || buf[pos] == '\t') {
                throw new SipParseException("continuation line without a header");
            }
            int nameEnd = Bytes.tokenEnd(buf, pos, ce);
            if (nameEnd == pos) {
                throw new SipParseException("bad header name");
            }
            int colon = nameEnd;
            while (colon < ce && (buf[colon] == ' ' || buf[colon] == '\t')) {
                colon++;
            }
            if (colon >= ce || buf[colon] != ':') {
                throw new SipParseException("':' expected after header name");
            }
            // line folding: continuation lines start with SP or HT
            while (lf + 1 < length && (buf[lf + 1] == ' ' || buf[lf + 1] == '\t')) {
                int next = Bytes.indexOf(buf, lf + 1, length, '\n');
                if (next < 0) {
                    throw new SipParseException("header line not terminated");
                }
                lf = next;
                ce = buf[lf - 1] == '\r' ? lf - 1 : lf;
            }
            int vs = Bytes.skipWs(buf, colon + 1, ce);
            int ve = Bytes.trimEnd(buf, vs, ce);
            m.addHeader(HeaderName.of(buf, pos, nameEnd), pos, ce, vs, ve);
            pos = lf + 1;
        }
        fields(m);
        body(m, pos, datagram);
        return m;
    }

    private static void startLine(byte[] b, int start, int end, SipMessage m) throws SipParseException {
        if (end - start >= 8 && Bytes.equalsIgnoreCase(b, start, start + 4, "SIP/")) {
            statusLine(b, start, end, m);
            return;
        }
        int sp1 = Bytes.indexOf(b, start, end, ' ');
        if (sp1 <= start) {
            throw new SipParseException("bad request line");
        }
        if (Bytes.tokenEnd(b, start, sp1) != sp1) {
            throw new SipParseException("bad method");
        }
        int sp2 = Bytes.indexOf(b, sp1 + 1, end, ' ');
        if (sp2 < 0 || sp2 == sp1 + 1) {
            throw new SipParseException("bad request line: one space between method, URI and version");
        }
        int vs = sp2 + 1;
        if (Bytes.indexOf(b, vs, end, ' ') >= 0 || Bytes.indexOf(b, vs, end, '\t') >= 0) {
            throw new SipParseException("bad request line: white space in Request-URI or after version");
        }
        version(b, vs, end);
        m.request = true;
        m.methodStart = start;
        m.methodEnd = sp1;
        m.method = SipMethod.of(b, start, sp1);
        m.uriStart = sp1 + 1;
        m.uriEnd = sp2;
        SipUri uri = SipUri.parse(b, sp1 + 1, sp2);
        if (uri.isSip() && uri.hasHeaders()) {
            throw new SipParseException("Request-URI must not contain headers");
        }
        m.requestUri = uri;
    }

    private static void statusLine(byte[] b, int start, int end, SipMessage m) throws SipParseException {
        int sp = Bytes.indexOf(b, start, end, ' ');
        if (sp < 0) {
            throw new SipParseException("bad status line");
        }
        version(b, start, sp);
        int cs = sp + 1;
        int ce = cs;
        while (ce < end && Bytes.isDigit(b[ce])) {
            ce++;
        }
        if (ce - cs != 3 || (ce < end && b[ce] != ' ') || b[cs] == '0') {
            throw new SipParseException("status code must be three digits");
        }
        m.request = false;
        m.status = (b[cs] - '0') * 100 + (b[cs + 1] - '0') * 10 + (b[cs + 2] - '0');
        m.reasonStart = Math.min(ce + 1, end);
        m.reasonEnd = end;
    }

    private static void version(byte[] b, int start, int end) throws SipParseException {
        if (Bytes.equalsIgnoreCase(b, start, end, "SIP/2.0")) {
            return;
        }
        if (end - start > 4 && Bytes.equalsIgnoreCase(b, start, start + 4, "SIP/")) {
            throw new SipParseException(505, "Version Not Supported");
        }
        throw new SipParseException("bad SIP version");
    }

    private static void fields(SipMessage m) throws SipParseException {
        byte[] b = m.buf;
        boolean date = false;
        boolean contentType = false;
        for (int i = 0; i < m.headerCount; i++) {
            int vs = m.valueStart[i];
            int ve = m.valueEnd[i];
            switch (m.names[i]) {
                case VIA -> FieldParser.vias(b, vs, ve, m.vias);
                case FROM -> m.from = once(m.from, FieldParser.single(b, vs, ve, "From"), "From");
                case TO -> m.to = once(m.to, FieldParser.single(b, vs, ve, "To"), "To");
                case CALL_ID -> m.callId = once(m.callId, FieldParser.callId(b, vs, ve), "Call-ID");
                case CSEQ -> m.cseq = once(m.cseq, FieldParser.cseq(b, vs, ve), "CSeq");
                case CONTACT -> FieldParser.nameAddrs(b, vs, ve, m.request, m.contacts);
                case ROUTE -> FieldParser.nameAddrs(b, vs, ve, false, m.routes);
                case RECORD_ROUTE -> FieldParser.nameAddrs(b, vs, ve, false, m.recordRoutes);
                case MAX_FORWARDS -> {
                    if (m.maxForwards >= 0) {
                        throw new SipParseException("Max-Forwards given twice");
                    }
                    long v = FieldParser.number(b, vs, ve, 255, "Max-Forwards");
                    if (v < 0) {
                        throw new SipParseException("Max-Forwards above 255");
                    }
                    m.maxForwards = (int) v;
                }
                case EXPIRES -> {
                    if (m.expires >= 0) {
                        throw new SipParseException("Expires given twice");
                    }
                    long v = FieldParser.number(b, vs, ve, Integer.MAX_VALUE, "Expires");
                    m.expires = v < 0 ? Integer.MAX_VALUE : (int) v;
                }
                case CONTENT_LENGTH -> {
                    if (m.contentLength >= 0) {
                        throw new SipParseException("Content-Length given twice");
                    }
                    long v = FieldParser.number(b, vs, ve, Integer.MAX_VALUE, "Content-Length");
                    if (v < 0) {
                        throw new SipParseException("Content-Length too large");
                    }
                    m.contentLength = (int) v;
                }
                case CONTENT_TYPE -> {
                    if (contentType) {
                        throw new SipParseException("Content-Type given twice");
                    }
                    contentType = true;
                }
                case DATE -> {
                    if (date || ve - vs < 3 || !Bytes.equalsIgnoreCase(b, ve - 3, ve, "GMT")) {
                        throw new SipParseException("Date must be one value in GMT");
                    }
                    date = true;
                }
                default -> { }
            }
        }
        if (m.vias.isEmpty()) {
            throw new SipParseException("Missing Via header");
        }
        if (m.from == null) {
            throw new SipParseException("Missing From header");
        }
        if (m.to == null) {
            throw new SipParseException("Missing To header");
        }
        if (m.callId == null) {
            throw new SipParseException("Missing Call-ID header");
        }
        if (m.cseq == null) {
            throw new SipParseException("Missing CSeq header");
        }
        if (m.request && !Bytes.equalsIgnoreCase(b, m.methodStart, m.methodEnd, m.cseq.methodName())) {
            throw new SipParseException("CSeq method does not match the request method");
        }
        if (m.cseq.number() > MAX_CSEQ) {
            throw new SipParseException("CSeq number too large");
        }
    }

    private static void body(SipMessage m, int pos, boolean datagram) throws SipParseException {
        int available = m.length - pos;
        m.bodyStart = pos;
        if (m.contentLength < 0) {
            m.bodyLength = datagram ? available : 0;
        } else if (m.contentLength > available) {
            throw new SipParseException("Content-Length larger than the message");
        } else {
            m.bodyLength = m.contentLength;
        }
    }

    private static <T> T once(T previous, T value, String field) throws SipParseException {
        if (previous != null) {
            throw new SipParseException(field + " given twice");
        }
        return value;
    }
}
