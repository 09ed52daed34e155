package net.voicegslb.gslb.pbx.proxy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.voicegslb.gslb.pbx.codec.SipUri;
import net.voicegslb.gslb.pbx.config.ProxyConfig.RouteSecret;

/**
 * Marks the Record-Route we add with {@code gslb-d=KID.TIME.MAC}: an HMAC-SHA256 (128 bits kept)
 * under a node secret over Call-ID, the caller's From tag and the time. A Route carrying a valid
 * stamp proves the request belongs to a dialog this node record-routed, which is the only case
 * in which we forward a request along a Route set (no open relay). The key id lets operators
 * rotate secrets: the first key signs, every listed key verifies.
 */
public final class RouteStamp {

    public static final String PARAM = "gslb-d";
    private static final long MAX_FUTURE_SECONDS = 60;

    private final Map<String, byte[]> keys;
    private final String signingId;
    private final long maxAgeSeconds;
    private final LongSupplier clock;

    /** @param secrets empty: one random key for this process (dialogs do not survive a restart) */
    public RouteStamp(List<RouteSecret> secrets, Duration maxAge, LongSupplier clockMillis) {
        Map<String, byte[]> k = new LinkedHashMap<>();
        if (secrets.isEmpty()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            k.put("r", random);
        }
        for (RouteSecret s : secrets) {
            k.put(s.id(), s.secret().getBytes(StandardCharsets.UTF_8));
        }
        this.keys = Map.copyOf(k);
        this.signingId = k.keySet().iterator().next();
        this.maxAgeSeconds = maxAge.toSeconds();
        this.clock = clockMillis;
    }

    /** The parameter value for a new dialog's Record-Route. */
    public String stamp(String callId, String callerTag) {
        long t = clock.getAsLong() / 1000;
        return signingId + "." + t + "." + mac(keys.get(signingId), signingId, callId, callerTag, t);
    }

    /**
     * Whether {@code stamp} was made by us for this call, with either tag as the caller's (requests
     * from the callee carry the caller's tag in To), and is not older than the dialog age limit.
     */
    public boolean valid(String stamp, String callId, String tagA, String tagB) {
        if (stamp == null || callId == null) {
            return false;
        }
        String[] parts = stamp.split("\\.", -1);
        if (parts.length != 3) {
            return false;
        }
        byte[] key = keys.get(parts[0]);
        long t;
        try {
            t = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        long now = clock.getAsLong() / 1000;
        if (key == null || now - t > maxAgeSeconds || t - now > MAX_FUTURE_SECONDS) {
            return false;
        }
        byte[] given = parts[2].getBytes(StandardCharsets.US_ASCII);
        for (String tag : Arrays.asList(tagA, tagB)) {
            if (tag != null && MessageDigest.isEqual(
                    mac(key, parts[0], callId, tag, t).getBytes(StandardCharsets.US_ASCII), given)) {
                return true;
            }
        }
        return false;
    }

    /** The stamp parameter of a URI (ours or forged), or null. */
    public static String of(SipUri uri) {
        if (uri == null || uri.text() == null) {
            return null;
        }
        String text = uri.text();
        int q = text.indexOf('?');
        String params = q < 0 ? text : text.substring(0, q);
        for (String p : params.split(";")) {
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(PARAM)) {
                return p.substring(eq + 1).trim();
            }
        }
        return null;
    }

    private static String mac(byte[] key, String id, String callId, String tag, long t) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String data = id + "\n" + callId + "\n" + tag + "\n" + t;
            byte[] full = mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(full, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
