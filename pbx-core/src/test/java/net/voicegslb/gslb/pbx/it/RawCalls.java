package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hand-written SIP for the proxy guard ITs: registrations, INVITEs with SDP, a callee's 200. */
final class RawCalls {

    static final String SDP = """
            v=0
            o=- 1 1 IN IP4 127.0.0.1
            s=-
            c=IN IP4 127.0.0.1
            t=0 0
            m=audio 40000 RTP/AVP 0
            """;

    private RawCalls() {}

    /** Registers {@code user@domain} (a tenant with auth: none) with the phone's address as contact. */
    static void register(RawPhone phone, String user, String domain, int nodePort) throws Exception {
        phone.send("""
                REGISTER sip:%s SIP/2.0
                Via: SIP/2.0/UDP %s:%d;rport;branch=z9hG4bKreg%s%d
                From: <sip:%s@%s>;tag=r1
                To: <sip:%s@%s>
                Call-ID: reg-%s-%d@test
                CSeq: 1 REGISTER
                Contact: <sip:%s@%s:%d>
                Expires: 600
                Content-Length: 0

                """.formatted(domain, phone.host(), phone.port(), user, phone.port(), user, domain, user, domain,
                user, phone.port(), user, phone.host(), phone.port()), nodePort);
        assertThat(phone.receive(2000)).startsWith("SIP/2.0 200 OK");
    }

    /**
     * A request from {@code phone}; {@code headers} are extra lines (Route, To tag is in {@code to}),
     * with SDP when {@code sdp}.
     */
    static String request(RawPhone phone, String method, String ruri, String from, String to, String callId,
            String branch, String headers, boolean sdp) {
        String body = sdp ? SDP.replace("\n", "\r\n") : "";
        return method + " " + ruri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + phone.host() + ":" + phone.port() + ";rport;branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: " + from + "\r\n"
                + "To: " + to + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + (method.equals("ACK") ? "1 ACK" : method.equals("BYE") ? "2 BYE" : "1 " + method) + "\r\n"
                + "Contact: <sip:" + phone.host() + ":" + phone.port() + ">\r\n"
                + headers
                + (sdp ? "Content-Type: application/sdp\r\n" : "")
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    /** The callee's 200 for a received INVITE: its Vias, From, To (with our tag), Record-Routes, SDP. */
    static String ok(String invite, String toTag, RawPhone callee) {
        StringBuilder sb = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : invite.split("\r\n")) {
            String l = line.toLowerCase(Locale.ROOT);
            if (l.startsWith("to:")) {
                sb.append(line).append(";tag=").append(toTag).append("\r\n");
            } else if (l.startsWith("via:") || l.startsWith("from:") || l.startsWith("call-id:")
                    || l.startsWith("cseq:") || l.startsWith("record-route:")) {
                sb.append(line).append("\r\n");
            }
        }
        String body = SDP.replace("40000", "40002").replace("\n", "\r\n");
        sb.append("Contact: <sip:").append(callee.host()).append(':').append(callee.port()).append(">\r\n")
                .append("Content-Type: application/sdp\r\nContent-Length: ").append(body.length()).append("\r\n\r\n")
                .append(body);
        return sb.toString();
    }

    /** A plain response (no body) to a received request. */
    static String response(String request, String status) {
        StringBuilder sb = new StringBuilder("SIP/2.0 ").append(status).append("\r\n");
        for (String line : request.split("\r\n")) {
            String l = line.toLowerCase(Locale.ROOT);
            if (l.startsWith("via:") || l.startsWith("from:") || l.startsWith("to:") || l.startsWith("call-id:")
                    || l.startsWith("cseq:")) {
                sb.append(line).append("\r\n");
            }
        }
        return sb.append("Content-Length: 0\r\n\r\n").toString();
    }

    /** The Record-Route values of a message, top first, as a Route header line (with CRLF). */
    static String routeFrom(String message) {
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^Record-Route: ([^\r\n]*)").matcher(message);
        while (m.find()) {
            values.add(m.group(1).trim());
        }
        assertThat(values).as(message).isNotEmpty();
        return "Route: " + String.join(", ", values) + "\r\n";
    }

    /** The next datagram that starts with {@code prefix}, skipping others (e.g. 100 Trying), or null. */
    static String receiveStartingWith(RawPhone phone, String prefix, long timeoutMillis) throws Exception {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < end) {
            String got = phone.receive((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
            if (got != null && got.startsWith(prefix)) {
                return got;
            }
        }
        return null;
    }

    /** The next request that starts with {@code prefix} (e.g. skipping the proxy's ACKs), or null. */
    static String receiveRequestStartingWith(RawPhone phone, String prefix, long timeoutMillis) throws Exception {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < end) {
            String got = phone.receiveRequest((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
            if (got != null && got.startsWith(prefix)) {
                return got;
            }
        }
        return null;
    }
}
