package net.voicegslb.gslb.pbx.lab;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.voicegslb.gslb.pbx.store.Ha1;

/**
 * One Digest challenge of a 401/407 (RFC 7616 3.3) and the client's answer to it (3.4) with
 * qop=auth, MD5 or SHA-256. Pure: the cnonce and nonce count are passed in.
 */
public record DigestChallenge(String realm, String nonce, String algorithm, String opaque, boolean qopAuth,
        boolean stale) {

    private static final Pattern PARAM = Pattern.compile("([A-Za-z-]+)\\s*=\\s*(\"([^\"]*)\"|[^,\\s]+)");

    /** The challenge in a WWW-Authenticate or Proxy-Authenticate value, or null if it is not Digest. */
    public static DigestChallenge parse(String value) {
        String v = value.trim();
        if (!v.regionMatches(true, 0, "Digest ", 0, 7)) {
            return null;
        }
        Map<String, String> p = new HashMap<>();
        Matcher m = PARAM.matcher(v.substring(7));
        while (m.find()) {
            p.put(m.group(1).toLowerCase(Locale.ROOT), m.group(3) != null ? m.group(3) : m.group(2));
        }
        if (p.get("realm") == null || p.get("nonce") == null) {
            return null;
        }
        String qop = p.getOrDefault("qop", "");
        return new DigestChallenge(p.get("realm"), p.get("nonce"), p.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT),
                p.get("opaque"), List.of(qop.split("\\s*,\\s*")).contains("auth"), "true".equalsIgnoreCase(p.get("stale")));
    }

    /**
     * The challenge to answer among several (a server may offer one per algorithm): the
     * {@code preferred} algorithm if offered, else the first one we can compute; null if none.
     */
    public static DigestChallenge choose(List<DigestChallenge> offered, String preferred) {
        DigestChallenge first = null;
        for (DigestChallenge c : offered) {
            if (c.algorithm().equals(preferred)) {
                return c;
            }
            if (first == null && (c.algorithm().equals("MD5") || c.algorithm().equals("SHA-256"))) {
                first = c;
            }
        }
        return first;
    }

    /** The Authorization / Proxy-Authorization value answering this challenge. */
    public String answer(String method, String uri, String user, String password, int nonceCount, String cnonce) {
        String ha1 = Ha1.hex(algorithm, user + ":" + realm + ":" + password);
        String ha2 = Ha1.hex(algorithm, method + ":" + uri);
        String nc = String.format("%08x", nonceCount);
        String response = qopAuth
                ? Ha1.hex(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                : Ha1.hex(algorithm, ha1 + ":" + nonce + ":" + ha2);
        StringBuilder sb = new StringBuilder("Digest username=\"").append(user).append("\", realm=\"").append(realm)
                .append("\", nonce=\"").append(nonce).append("\", uri=\"").append(uri).append("\", response=\"")
                .append(response).append("\", algorithm=").append(algorithm);
        if (qopAuth) {
            sb.append(", cnonce=\"").append(cnonce).append("\", nc=").append(nc).append(", qop=auth");
        }
        if (opaque != null) {
            sb.append(", opaque=\"").append(opaque).append('"');
        }
        return sb.toString();
    }
}
