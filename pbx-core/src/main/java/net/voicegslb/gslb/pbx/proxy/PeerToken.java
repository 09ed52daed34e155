package net.voicegslb.gslb.pbx.proxy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.voicegslb.gslb.pbx.codec.SipMessage;

/**
 * Authenticates requests between sites: a node passing a call to a peer adds
 * {@code X-Gslb-Peer: ts=MILLIS;mac=HEX}, an HMAC-SHA256 under the shared peer secret over
 * Call-ID, CSeq, From tag and the time. The receiving node trusts a request as a peer's (no 407,
 * never passed on to peers again) only with a valid, fresh token from a configured peer address,
 * so neither a spoofed source address nor a replayed header alone will do.
 */
public final class PeerToken {

    public static final String HEADER = "X-Gslb-Peer";
    private static final long MAX_AGE_MILLIS = 30_000;

    private final byte[] secret;
    private final LongSupplier clock;

    public PeerToken(String secret, LongSupplier clockMillis) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clockMillis;
    }

    /** The header line (with CRLF) for a request forwarded to a peer. */
    public String headerLine(SipMessage m) {
        long ts = clock.getAsLong();
        return HEADER + ": ts=" + ts + ";mac=" + mac(m, ts) + "\r\n";
    }

    public boolean valid(SipMessage m) {
        String v = m.otherHeaderValue(HEADER);
        if (v == null || !v.startsWith("ts=")) {
            return false;
        }
        int semi = v.indexOf(";mac=");
        if (semi < 0) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(v.substring(3, semi).trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(clock.getAsLong() - ts) > MAX_AGE_MILLIS) {
            return false;
        }
        return MessageDigest.isEqual(mac(m, ts).getBytes(StandardCharsets.US_ASCII),
                v.substring(semi + 5).trim().getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(SipMessage m, long ts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String data = m.callId() + "|" + m.cseq().number() + "|" + m.from().tag() + "|" + ts;
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
