package net.voicegslb.gslb.pbx.lab;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.voicegslb.gslb.pbx.codec.NameAddr;
import net.voicegslb.gslb.pbx.codec.SipMessage;

/**
 * The text a synthetic phone writes: requests from their parts, and responses that copy the
 * request's Via, From, To, Call-ID and CSeq lines as received (RFC 3261 8.2.6.2), which is what
 * a real UA does and what the node's transaction matching relies on. Pure.
 */
final class SipText {

    private SipText() {}

    /** Every value of header {@code name} (case-insensitive, full name), in order. */
    static List<String> values(SipMessage m, String name) {
        List<String> out = new ArrayList<>();
        String prefix = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < m.headerCount(); i++) {
            String line = new String(m.buffer(), m.headerLineStart(i), m.headerValueStart(i) - m.headerLineStart(i),
                    StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(prefix)) {
                out.add(new String(m.buffer(), m.headerValueStart(i), m.headerValueEnd(i) - m.headerValueStart(i),
                        StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The raw text of a name-addr the parser located (a Record-Route entry, a Contact). */
    static String raw(SipMessage m, NameAddr a) {
        return new String(m.buffer(), a.valueStart(), a.valueEnd() - a.valueStart(), StandardCharsets.UTF_8).trim();
    }

    /**
     * A response to {@code request}: its Via/From/To/Call-ID/CSeq lines, our tag on To if it has
     * none, Record-Route copied for dialog-creating responses, then {@code extra} header lines
     * (each ending in CRLF) and the body.
     */
    static String response(SipMessage request, String status, String toTag, boolean recordRoute, String extra,
            String contentType, String body) {
        StringBuilder sb = new StringBuilder("SIP/2.0 ").append(status).append("\r\n");
        for (int i = 0; i < request.headerCount(); i++) {
            String line = new String(request.buffer(), request.headerLineStart(i),
                    request.headerLineEnd(i) - request.headerLineStart(i), StandardCharsets.UTF_8);
            switch (request.headerName(i)) {
                case VIA, FROM, CALL_ID, CSEQ -> sb.append(line).append("\r\n");
                case TO -> {
                    sb.append(line);
                    if (request.to() != null && request.to().tag() == null && toTag != null) {
                        sb.append(";tag=").append(toTag);
                    }
                    sb.append("\r\n");
                }
                case RECORD_ROUTE -> {
                    if (recordRoute) {
                        sb.append(line).append("\r\n");
                    }
                }
                default -> { }
            }
        }
        return finish(sb.append(extra), contentType, body);
    }

    /**
     * A request: {@code via} is our sent-by (host:port), {@code routes} the route set (raw
     * name-addrs, first hop first), {@code extra} further header lines each ending in CRLF.
     */
    static String request(String method, String requestUri, String via, String branch, String from, String to,
            String callId, long cseq, String cseqMethod, List<String> routes, String extra, String contentType,
            String body) {
        StringBuilder sb = new StringBuilder(method).append(' ').append(requestUri).append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP ").append(via).append(";rport;branch=").append(branch).append("\r\n")
                .append("Max-Forwards: 70\r\n");
        for (String r : routes) {
            sb.append("Route: ").append(r).append("\r\n");
        }
        sb.append("From: ").append(from).append("\r\n")
                .append("To: ").append(to).append("\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(cseq).append(' ').append(cseqMethod).append("\r\n")
                .append("User-Agent: voice-gslb-lab-phone\r\n")
                .append(extra);
        return finish(sb, contentType, body);
    }

    /** An SDP offer or answer: PCMU only, 20 ms, RTCP on its own port (RFC 3605). */
    static String sdp(String address, int rtpPort, int rtcpPort, long sessionId) {
        return "v=0\r\n"
                + "o=- " + sessionId + " " + sessionId + " IN IP4 " + address + "\r\n"
                + "s=-\r\n"
                + "c=IN IP4 " + address + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + rtpPort + " RTP/AVP 0\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=ptime:20\r\n"
                + "a=rtcp:" + rtcpPort + " IN IP4 " + address + "\r\n"
                + "a=sendrecv\r\n";
    }

    private static String finish(StringBuilder sb, String contentType, String body) {
        if (body != null && !body.isEmpty()) {
            sb.append("Content-Type: ").append(contentType).append("\r\n");
            sb.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n")
                    .append(body);
        } else {
            sb.append("Content-Length: 0\r\n\r\n");
        }
        return sb.toString();
    }
}
