package net.voicegslb.gslb.dns.sipcheck;

import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.random.RandomGenerator;
import net.voicegslb.gslb.policy.model.SipTransport;

/**
 * One out-of-dialog SIP OPTIONS request (RFC 3261 §11) as the checker sends it. The identifiers are
 * fields so that a response can be matched and so that tests can build byte-exact fixtures.
 *
 * @param branch  Via branch, starting with the RFC 3261 magic cookie {@code z9hG4bK}
 * @param callId  unique per check: every OPTIONS is a transaction of its own
 * @param contact whether to include a Contact header (optional for OPTIONS, some stacks want it)
 */
public record OptionsRequest(SipTransport transport, InetSocketAddress target, InetSocketAddress local,
                             String fromUser, String branch, String callId, String fromTag, long cseq,
                             boolean contact) {
    /** RFC 3261 §8.1.1.7: branches starting with this are unique per transaction. */
    public static final String MAGIC_COOKIE = "z9hG4bK";
    static final String USER_AGENT = "voice-gslb-sipcheck";

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
    }

    /** A request with fresh random branch, Call-ID and From tag. */
    public static OptionsRequest create(SipTransport transport, InetSocketAddress target, InetSocketAddress local,
                                        String fromUser, long cseq, RandomGenerator random) {
        return new OptionsRequest(transport, target, local, fromUser, MAGIC_COOKIE + token(random, 12),
                token(random, 16) + "@" + host(local), token(random, 8), cseq, true);
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
        sb.append("User-Agent: ").append(USER_AGENT).append("\r\n");
        sb.append("Content-Length: 0\r\n\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String host(InetSocketAddress a) {
        // RFC 5952 text form (::1, not 0:0:0:0:0:0:0:1), without a zone id, which SIP has no syntax for.
        String h = NetUtil.toAddressString(a.getAddress());
        int scope = h.indexOf('%');
        if (scope >= 0) {
            h = h.substring(0, scope);
        }
        return a.getAddress() instanceof Inet6Address ? "[" + h + "]" : h;
    }

    private static String hostPort(InetSocketAddress a) {
        return host(a) + ":" + a.getPort();
    }

    private static String token(RandomGenerator random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static boolean userChar(int c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "-_.!~*'()".indexOf(c) >= 0);
    }
}
