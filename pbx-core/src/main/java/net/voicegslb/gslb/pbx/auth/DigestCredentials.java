package net.voicegslb.gslb.pbx.auth;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of an {@code Authorization: Digest ...} value (RFC 7616 / RFC 3261 25.1). A header
 * that is not Digest, or not well formed, parses to null: the request is then challenged anew.
 */
public record DigestCredentials(String username, String realm, String nonce, String uri, String response,
        String algorithm, String cnonce, String nc, String qop, String opaque) {

    public static DigestCredentials parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.length() < 7 || !v.regionMatches(true, 0, "Digest", 0, 6) || !Character.isWhitespace(v.charAt(6))) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        int i = 7;
        int n = v.length();
        while (i < n) {
            while (i < n && (Character.isWhitespace(v.charAt(i)) || v.charAt(i) == ',')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int eq = v.indexOf('=', i);
            if (eq < 0) {
                return null;
            }
            String name = v.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < n && Character.isWhitespace(v.charAt(i))) {
                i++;
            }
            String val;
            if (i < n && v.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n && v.charAt(i) != '"') {
                    char c = v.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = v.charAt(++i);
                    }
                    sb.append(c);
                    i++;
                }
                if (i >= n) {
                    return null;
                }
                i++;
                val = sb.toString();
            } else {
                int end = i;
                while (end < n && v.charAt(end) != ',' && !Character.isWhitespace(v.charAt(end))) {
                    end++;
                }
                val = v.substring(i, end);
                i = end;
            }
            if (params.put(name, val) != null) {
                return null;
            }
        }
        String username = params.get("username");
        String nonce = params.get("nonce");
        String response = params.get("response");
        if (username == null || nonce == null || response == null || params.get("uri") == null) {
            return null;
        }
        return new DigestCredentials(username, params.get("realm"), nonce, params.get("uri"), response,
                params.getOrDefault("algorithm", "MD5"), params.get("cnonce"), params.get("nc"), params.get("qop"),
                params.get("opaque"));
    }
}
