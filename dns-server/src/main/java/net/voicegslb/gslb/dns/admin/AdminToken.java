package net.voicegslb.gslb.dns.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import net.voicegslb.gslb.policy.config.SecretFile;

/**
 * The admin bearer token, kept in a file readable only by its owner. A missing file is created
 * with a fresh random token (mode 0600 from the start), so no installation runs with a default or
 * empty secret; an existing file that group or others may read is refused.
 */
public final class AdminToken {

    private AdminToken() {}

    public static byte[] loadOrCreate(Path file) throws IOException {
        SecretFile.readOrCreate(file, () -> {
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        });
        return read(file);
    }

    public static byte[] read(Path file) throws IOException {
        String token = SecretFile.read(file);
        if (token.length() < 16) {
            throw new IOException(file + ": the admin token must be at least 16 characters");
        }
        return token.getBytes(StandardCharsets.UTF_8);
    }
}
