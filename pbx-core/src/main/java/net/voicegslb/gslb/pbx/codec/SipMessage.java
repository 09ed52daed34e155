package net.voicegslb.gslb.pbx.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed SIP message over its original bytes. Every header line stays in the buffer; the
 * fields the node acts on are parsed once by {@link SipParser} and exposed here. Anything that is
 * forwarded is copied from the buffer, never re-serialised from this model (STYLE 8).
 */
public final class SipMessage {

    final byte[] buf;
    final int length;
    boolean request;
    SipMethod method;
    int methodStart;
    int methodEnd;
    SipUri requestUri;
    int uriStart;
    int uriEnd;
    int status;
    int reasonStart;
    int reasonEnd;
    int startLineEnd;
    int headerCount;
    HeaderName[] names = new HeaderName[24];
    int[] lineStart = new int[24];
    int[] lineEnd = new int[24];
    int[] valueStart = new int[24];
    int[] valueEnd = new int[24];
    final List<Via> vias = new ArrayList<>(2);
    final List<NameAddr> contacts = new ArrayList<>(1);
    final List<NameAddr> routes = new ArrayList<>(0);
    final List<NameAddr> recordRoutes = new ArrayList<>(0);
    NameAddr from;
    NameAddr to;
    String callId;
    CSeq cseq;
    int maxForwards = -1;
    int expires = -1;
    int contentLength = -1;
    int bodyStart;
    int bodyLength;

    SipMessage(byte[] buf, int length) {
        this.buf = buf;
        this.length = length;
    }

    void addHeader(HeaderName name, int ls, int le, int vs, int ve) {
        if (headerCount == names.length) {
            int n = headerCount * 2;
            names = java.util.Arrays.copyOf(names, n);
            lineStart = java.util.Arrays.copyOf(lineStart, n);
            lineEnd = java.util.Arrays.copyOf(lineEnd, n);
            valueStart = java.util.Arrays.copyOf(valueStart, n);
            valueEnd = java.util.Arrays.copyOf(valueEnd, n);
        }
        names[headerCount] = name;
        lineStart[headerCount] = ls;
        lineEnd[headerCount] = le;
        valueStart[headerCount] = vs;
        valueEnd[headerCount] = ve;
        headerCount++;
    }

    public boolean isRequest() {
        return request;
    }

    public SipMethod method() {
        return method;
    }

    public String methodName() {
        return request ? Bytes.ascii(buf, methodStart, methodEnd) : cseq.methodName();
    }

    public SipUri requestUri() {
        return requestUri;
    }

    public int status() {
        return status;
    }

    public List<Via> vias() {
        return vias;
    }

    public Via topVia() {
        return vias.get(0);
    }

    public NameAddr from() {
        return from;
    }

    public NameAddr to() {
        return to;
    }

    public String callId() {
        return callId;
    }

    public CSeq cseq() {
        return cseq;
    }

    public List<NameAddr> contacts() {
        return contacts;
    }

    public List<NameAddr> routes() {
        return routes;
    }

    public List<NameAddr> recordRoutes() {
        return recordRoutes;
    }

    /** -1 when absent. */
    public int maxForwards() {
        return maxForwards;
    }

    /** The Expires header, -1 when absent. */
    public int expires() {
        return expires;
    }

    public byte[] buffer() {
        return buf;
    }

    public int length() {
        return length;
    }

    public int startLineEnd() {
        return startLineEnd;
    }

    public int uriStart() {
        return uriStart;
    }

    public int uriEnd() {
        return uriEnd;
    }

    public int headerCount() {
        return headerCount;
    }

    public HeaderName headerName(int i) {
        return names[i];
    }

    /** Start of the header line (its name). */
    public int headerLineStart(int i) {
        return lineStart[i];
    }

    /** End of the header line, before its CRLF (folded continuation lines included). */
    public int headerLineEnd(int i) {
        return lineEnd[i];
    }

    public int headerValueStart(int i) {
        return valueStart[i];
    }

    public int headerValueEnd(int i) {
        return valueEnd[i];
    }

    /** Index of the first header of that name, or -1. */
    public int indexOf(HeaderName name) {
        for (int i = 0; i < headerCount; i++) {
            if (names[i] == name) {
                return i;
            }
        }
        return -1;
    }

    /** The value of the first such header as text (folds kept), or null. */
    public String headerValue(HeaderName name) {
        int i = indexOf(name);
        return i < 0 ? null : new String(buf, valueStart[i], valueEnd[i] - valueStart[i], StandardCharsets.UTF_8);
    }

    /** The value of the first header with this (case-insensitive) name among the ones the node does not parse. */
    public String otherHeaderValue(String name) {
        for (int i = 0; i < headerCount; i++) {
            if (names[i] == HeaderName.OTHER) {
                int colon = Bytes.indexOf(buf, lineStart[i], valueStart[i], ':');
                int end = Bytes.trimEnd(buf, lineStart[i], colon < 0 ? lineStart[i] : colon);
                if (Bytes.equalsIgnoreCase(buf, lineStart[i], end, name)) {
                    return new String(buf, valueStart[i], valueEnd[i] - valueStart[i], StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    public int bodyStart() {
        return bodyStart;
    }

    public int bodyLength() {
        return bodyLength;
    }

    public String body() {
        return new String(buf, bodyStart, bodyLength, StandardCharsets.UTF_8);
    }

    public boolean hasSdpBody() {
        if (bodyLength == 0) {
            return false;
        }
        String type = headerValue(HeaderName.CONTENT_TYPE);
        return type != null && type.trim().toLowerCase(java.util.Locale.ROOT).startsWith("application/sdp");
    }

    @Override
    public String toString() {
        return new String(buf, 0, startLineEnd, StandardCharsets.UTF_8) + " (Call-ID " + callId + ")";
    }
}
