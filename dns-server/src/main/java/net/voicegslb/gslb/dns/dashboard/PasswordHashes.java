package net.voicegslb.gslb.dns.dashboard;

import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Salted, slow password hashes (BCrypt, from Spring Security's crypto module): a hash in the
 * config reveals no password, and guessing one from it costs a hash per guess.
 */
public final class PasswordHashes {

    /** 2^12 rounds: about a quarter of a second per login on the machines we run on. */
    public static final int COST = 12;
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    private final BCryptPasswordEncoder encoder;

    public PasswordHashes() {
        this(COST);
    }

    PasswordHashes(int cost) {
        this.encoder = new BCryptPasswordEncoder(cost);
    }

    public String hash(CharSequence password) {
        return encoder.encode(password);
    }

    public boolean matches(CharSequence password, String hash) {
        return hash != null && isHash(hash) && encoder.matches(password, hash);
    }

    /** Whether {@code text} has the shape of a BCrypt hash (config validation). */
    public static boolean isHash(String text) {
        return text != null && BCRYPT.matcher(text).matches();
    }
}
