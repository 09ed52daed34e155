package net.voicegslb.gslb.pbx.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** HA1 = H(username ":" realm ":" password) (RFC 7616 3.4.2), for MD5 and SHA-256. */
public final class Ha1 {

    // MessageDigest.getInstance walks the providers each time; digest checks run per REGISTER
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> digest("MD5"));
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> digest("SHA-256"));

    private Ha1() {}

    public static UserCredentials of(String domain, String username, String password) {
        String a1 = username + ":" + domain + ":" + password;
        return new UserCredentials(domain, username, hex("MD5", a1), hex("SHA-256", a1));
    }

    /** Lower-case hex of MD5 or SHA-256 over the UTF-8 text. */
    public static String hex(String algorithm, String text) {
        MessageDigest md = switch (algorithm) {
            case "MD5" -> MD5.get();
            case "SHA-256" -> SHA256.get();
            default -> digest(algorithm);
        };
        return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from the JDK", e);
        }
    }
}
