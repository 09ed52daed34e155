package net.voicegslb.gslb.policy.sip;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.random.RandomGenerator;
import net.voicegslb.gslb.policy.model.SipTransport;

/**
 * One out-of-dialog SIP OPTIONS request (RFC 3261 §11), the one that both the DNS server's SIP checks
 * and the probe agent's OPTIONS probes send. The identifiers are fields so that a response can be
 * matched and so that tests can build byte-exact fixtures. Forgery protection rests on {@link #create}:
 * branch (96 bits) and Call-ID (128 bits) are independent random values that anyone off the path
 * would have to guess; callers must also accept an answer only from the address they probed.
 *
 * @param branch  Via branch, starting with the RFC 3261 magic cookie {@code z9hG4bK}
 * @param callId  unique per check: every OPTIONS is a transaction of its own
 * @param contact whether to include a Contact header (optional for OPTIONS, some stacks want it)
 * @param userAgent the User-Agent value, so a PBX operator can tell our checks from other traffic
 */
public record OptionsRequest(SipTransport transport, InetSocketAddress target, InetSocketAddress local,
                             String fromUser, String branch, String callId, String fromTag, long cseq,
                             boolean contact, String userAgent) {
    /** RFC 3261 §8.1.1.7: branches starting with this are unique per transaction. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    public OptionsRequest {
        if (transport != SipTransport.UDP && transport != SipTransport.TCP && transport != SipTransport.TLS) {
            throw new IllegalArgumentException("SIP checks run over UDP, TCP or TLS, not " + transport);
        }
        if (!branch.startsWith(MAGIC_COOKIE)) {
            throw new IllegalArgumentException("branch must start with " + MAGIC_COOKIE + ": " + branch);
        }
        if (fromUser.isEmpty() || !fromUser.chars().allMatch(OptionsRequest::userChar)) {
            throw new IllegalArgumentException("From user must be non-empty unreserved characters: " + fromUser);
        }
        if (userAgent.isEmpty() || !userAgent.chars().allMatch(OptionsRequest::userAgentChar)) {
            throw new IllegalArgumentException("User-Agent must be non-empty printable ASCII: " + userAgent);
        }
    }

    /** A request with fresh random branch, Call-ID and From tag. */
    public static OptionsRequest create(SipTransport transport, InetSocketAddress target, InetSocketAddress local,
                                        String fromUser, long cseq, String userAgent, RandomGenerator random) {
        return new OptionsRequest(transport, target, local, fromUser, MAGIC_COOKIE + token(random, 12),
                token(random, 16) + "@" + host(local), token(random, 8), cseq, true, userAgent);
    }

    public byte[] encode() {
        String t = transport.name();
        String lowerT = t.toLowerCase(Locale.ROOT);
        String ruri = "sip:" + hostPort(target) + ";transport=" + lowerT;
        String self = hostPort(local);
        StringBuilder sb = new StringBuilder(400);
        sb.append("OPTIONS ").append(ruri).append(" SIP/2.0\r\n");
        // rport (RFC 3581): a node behind NAT still answers to the port we sent from.
        sb.append("Via: SIP/2.0/").append(t).append(' ').append(self).append(";branch=").append(branch)
                .append(";rport\r\n");
        sb.append("Max-Forwards: 70\r\n");
        sb.append("From: <sip:").append(fromUser).append('@').append(host(local)).append(">;tag=").append(fromTag)
                .append("\r\n");
        sb.append("To: <sip:").append(hostPort(target)).append(">\r\n");
        sb.append("Call-ID: ").append(callId).append("\r\n");
        sb.append("CSeq: ").append(cseq).append(" OPTIONS\r\n");
        if (contact) {
            sb.append("Contact: <sip:").append(fromUser).append('@').append(self).append(";transport=").append(lowerT)
                    .append(">\r\n");
        }
        sb.append("Accept: application/sdp\r\n");
        sb.append("User-Agent: ").append(userAgent).append("\r\n");
        sb.append("Content-Length: 0\r\n\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String host(InetSocketAddress a) {
        // RFC 5952 text form (::1, not 0:0:0:0:0:0:0:1), without a zone id, which SIP has no syntax for.
        return a.getAddress() instanceof Inet6Address v6 ? "[" + rfc5952(v6.getAddress()) + "]"
                : a.getAddress().getHostAddress();
    }

    /** Lower-case hex groups, leading zeros dropped, the first longest run of two or more zero groups as "::". */
    static String rfc5952(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    private static String hostPort(InetSocketAddress a) {
        return host(a) + ":" + a.getPort();
    }

    private static String token(RandomGenerator random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static boolean userAgentChar(int c) {
        return c >= ' ' && c < 127;
    }

    private static boolean userChar(int c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "-_.!~*'()".indexOf(c) >= 0);
    }
}
