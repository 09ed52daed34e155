package net.voicegslb.gslb.dns.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin bearer token, kept in a file readable only by its owner. A missing file is created
 * with a fresh random token, so no installation runs with a default or empty secret.
 */
public final class AdminToken {

    private AdminToken() {}

    public static byte[] loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".token", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the directory's permissions have to do
            }
            Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return read(file);
    }

    public static byte[] read(Path file) throws IOException {
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (token.length() < 16) {
            throw new IOException(file + ": the admin token must be at least 16 characters");
        }
        return token.getBytes(StandardCharsets.UTF_8);
    }
}
