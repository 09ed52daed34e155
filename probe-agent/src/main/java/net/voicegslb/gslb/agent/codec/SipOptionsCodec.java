package net.voicegslb.gslb.agent.codec;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The one SIP request the agent sends (OPTIONS, RFC 3261 §11) and the two things it reads from a
 * response: the status code and the Via branch that matches it to our request. Not a SIP parser:
 * it reads only the start line and one header, with bounds checks, and ignores the rest.
 */
public final class SipOptionsCodec {

    /** Branch prefix: RFC 3261 magic cookie plus ours, so stray responses are easy to tell apart. */
    public static final String BRANCH_PREFIX = "z9hG4bK-gslb-";

    private SipOptionsCodec() {
    }

    /**
     * @param branch  the Via branch after our prefix, 64 random bits: a response must echo it
     * @param callId  Call-ID, random and independent of the branch, so neither predicts the other
     * @param fromTag From tag, random
     */
    public static byte[] request(InetSocketAddress target, InetSocketAddress local, String targetUser,
                                 long branch, String callId, String fromTag) {
        String host = hostPort(target);
        String via = BRANCH_PREFIX + String.format("%016x", branch);
        String uri = "sip:" + (targetUser == null || targetUser.isEmpty() ? "" : targetUser + "@") + host;
        String msg = "OPTIONS " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + hostPort(local) + ";branch=" + via + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:gslb-agent@" + hostPort(local) + ">;tag=" + fromTag + "\r\n"
                + "To: <" + uri + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Accept: application/sdp\r\n"
                + "User-Agent: voice-gslb-agent\r\n"
                + "Content-Length: 0\r\n\r\n";
        return msg.getBytes(StandardCharsets.US_ASCII);
    }

    private static String hostPort(InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    /** A response's status code and the random part of our Via branch (up to 16 hex digits). */
    public record Response(int status, long transaction) {

        /** Null when the bytes are not a SIP response to one of our requests. */
        public static Response parse(byte[] data, int length) {
            int n = Math.min(length, data.length);
            // "SIP/2.0 200 ..." : 12 bytes at least
            if (n < 12 || !startsWith(data, 0, "SIP/2.0 ")) {
                return null;
            }
            int status = 0;
            for (int i = 8; i < 11; i++) {
                int d = data[i] - '0';
                if (d < 0 || d > 9) {
                    return null;
                }
                status = status * 10 + d;
            }
            if (status < 100 || status > 699) {
                return null;
            }
            int at = indexOf(data, n, ";branch=" + BRANCH_PREFIX);
            if (at < 0) {
                return null;
            }
            long tx = 0;
            int digits = 0;
            for (int i = at + 8 + BRANCH_PREFIX.length(); i < n && digits < 16; i++, digits++) {
                int d = Character.digit(data[i], 16);
                if (d < 0) {
                    break;
                }
                tx = (tx << 4) | d;
            }
            return digits == 0 ? null : new Response(status, tx);
        }

        /** 1xx..6xx. Any final response proves the SIP stack is alive; only 2xx means "serving". */
        public int responseClass() {
            return status / 100;
        }
    }

    private static boolean startsWith(byte[] data, int off, String s) {
        if (data.length - off < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (data[off + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, int n, String s) {
        // Headers are within the first few hundred bytes; bounded scan over at most n bytes.
        outer:
        for (int i = 0; i + s.length() <= n; i++) {
            for (int j = 0; j < s.length(); j++) {
                if (data[i + j] != s.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
