package net.voicegslb.gslb.pbx.proxy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.voicegslb.gslb.pbx.codec.SipMessage;

/**
 * Authenticates requests between sites: a node passing a call to a peer adds
 * {@code X-Gslb-Peer: ts=MILLIS;mac=HEX}, an HMAC-SHA256 under the shared peer secret over what
 * the request asks for, as sent: method, Request-URI, From and To users, Call-ID, CSeq, From tag,
 * the top Via branch (ours, fresh per request) and a SHA-256 of the body (the anchored SDP). A
 * token is good for 30 s and once: tokens seen are remembered (bounded; when the memory is full of
 * fresh tokens, new ones are refused rather than old ones forgotten), so a captured request
 * cannot be replayed and no signed part can be changed. The token does not hide anything: run
 * sites' links over TLS or a private network where the path is not trusted.
 */
public final class PeerToken {

    public static final String HEADER = "X-Gslb-Peer";
    static final long MAX_AGE_MILLIS = 30_000;
    private static final int MAX_REMEMBERED = 100_000;

    /** The outcome of checking a received request's token. */
    public enum Check { VALID, ABSENT, INVALID, REPLAYED }

    /** The signed parts of a request, as it goes on the wire. */
    public record Signed(String method, String requestUri, String fromUser, String toUser, String callId,
            long cseq, String fromTag, String branch, byte[] body) {

        /** A request as received (the Via on top is the sending node's). */
        public static Signed of(SipMessage m) {
            byte[] body = new byte[m.bodyLength()];
            System.arraycopy(m.buffer(), m.bodyStart(), body, 0, body.length);
            return outgoing(m, m.requestUri().text(), m.topVia().branch(), body);
        }

        /** A request about to be forwarded with this Request-URI, our branch and this body. */
        public static Signed outgoing(SipMessage m, String requestUri, String branch, byte[] body) {
            return new Signed(m.methodName(), requestUri, m.from().uri().user(), m.to().uri().user(), m.callId(),
                    m.cseq().number(), m.from().tag(), branch, body);
        }
    }

    private final byte[] secret;
    private final LongSupplier clock;
    private final Map<String, Long> seen = new LinkedHashMap<>(); // mac -> when received, oldest first

    public PeerToken(String secret, LongSupplier clockMillis) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clockMillis;
    }

    /** The header line (with CRLF) for a request forwarded to a peer. */
    public String headerLine(Signed s) {
        long ts = clock.getAsLong();
        return HEADER + ": ts=" + ts + ";mac=" + mac(s, ts) + "\r\n";
    }

    /** Checks a received request's token and, when valid, remembers it so that it is good once. */
    public Check check(SipMessage m) {
        String v = m.otherHeaderValue(HEADER);
        if (v == null) {
            return Check.ABSENT;
        }
        int semi = v.indexOf(";mac=");
        if (!v.startsWith("ts=") || semi < 0) {
            return Check.INVALID;
        }
        long ts;
        try {
            ts = Long.parseLong(v.substring(3, semi).trim());
        } catch (NumberFormatException e) {
            return Check.INVALID;
        }
        long now = clock.getAsLong();
        if (Math.abs(now - ts) > MAX_AGE_MILLIS) {
            return Check.INVALID;
        }
        String given = v.substring(semi + 5).trim();
        if (!MessageDigest.isEqual(mac(Signed.of(m), ts).getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII))) {
            return Check.INVALID;
        }
        return remember(given, now) ? Check.VALID : Check.REPLAYED;
    }

    private synchronized boolean remember(String mac, long now) {
        for (Iterator<Long> it = seen.values().iterator(); it.hasNext();) {
            if (now - it.next() <= 2 * MAX_AGE_MILLIS) {
                break; // the rest are younger
            }
            it.remove();
        }
        if (seen.containsKey(mac) || seen.size() >= MAX_REMEMBERED) {
            return false;
        }
        seen.put(mac, now);
        return true;
    }

    private String mac(Signed s, long ts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String bodyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.body()));
            String data = String.join("\n", s.method(), s.requestUri(), String.valueOf(s.fromUser()),
                    String.valueOf(s.toUser()), s.callId(), Long.toString(s.cseq()), String.valueOf(s.fromTag()),
                    String.valueOf(s.branch()), bodyHash, Long.toString(ts));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
