package net.voicegslb.gslb.pbx.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** HA1 = H(username ":" realm ":" password) (RFC 7616 3.4.2), for MD5 and SHA-256. */
public final class Ha1 {

    private Ha1() {}

    public static UserCredentials of(String domain, String username, String password) {
        String a1 = username + ":" + domain + ":" + password;
        return new UserCredentials(domain, username, hex("MD5", a1), hex("SHA-256", a1));
    }

    public static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from the JDK", e);
        }
    }
}
