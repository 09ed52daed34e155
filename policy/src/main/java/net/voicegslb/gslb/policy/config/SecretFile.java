package net.voicegslb.gslb.policy.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Files that hold a secret (admin and node tokens, agent tokens, TLS private keys), shared by every
 * module so that each one creates and checks them the same way.
 *
 * <p>A new secret is written to a temporary file that is created with mode 0600 (the mode is part
 * of the create call, so there is no moment at which another user could open it), then linked into
 * place; a file that appeared meanwhile wins, so two processes starting at once agree on one
 * token. An existing secret that its group or others may read or write is refused with an error
 * naming the file: a token left world-readable by a copy or an editor is as good as published.
 * On a file system without POSIX permissions the directory's protection has to do.
 */
public final class SecretFile {

    private static final Set<PosixFilePermission> OPEN = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
    private static final String PRIVATE = "rw-------";

    private SecretFile() {
    }

    /** A secret file that group or others may read or write, or that cannot be checked. */
    public static final class NotPrivateException extends IOException {
        private static final long serialVersionUID = 1L;

        NotPrivateException(String message) {
            super(message);
        }
    }

    /**
     * Throws when the file (symlinks followed) can be read or written by its group or others. The
     * message names the file and its mode, never its content.
     */
    public static void checkPrivate(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return; // not POSIX: nothing to check here
        }
        Set<PosixFilePermission> mode = view.readAttributes().permissions();
        if (mode.stream().anyMatch(OPEN::contains)) {
            throw new NotPrivateException(file + " holds a secret but its mode is "
                    + PosixFilePermissions.toString(mode) + ": group or others may read or change it; "
                    + "run chmod 600 " + file);
        }
    }

    /** The file's text without surrounding white space, after {@link #checkPrivate}. */
    public static String read(Path file) throws IOException {
        checkPrivate(file);
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    /**
     * Reads the secret, or, when the file does not exist, creates it private with {@code fresh}'s
     * value (plus a newline) and returns what is in the file afterwards.
     */
    public static String readOrCreate(Path file, Supplier<String> fresh) throws IOException {
        if (!Files.exists(file)) {
            create(file, fresh.get() + "\n");
        }
        return read(file);
    }

    /**
     * Writes {@code content} to a new file of mode 0600; leaves an existing file alone (returns
     * false then).
     */
    public static boolean create(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = createPrivateTemp(dir);
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.createLink(file, tmp); // fails if the file exists: never replaces a secret
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | IOException e) {
                if (Files.exists(file)) {
                    return false;
                }
                // no hard links here: a rename, atomic but replacing a file created in between
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                return true;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path createPrivateTemp(Path dir) throws IOException {
        FileAttribute<Set<PosixFilePermission>> mode =
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(PRIVATE));
        try {
            return Files.createTempFile(dir, ".secret", ".tmp", mode);
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(dir, ".secret", ".tmp");
        }
    }

    /** {@link #read} for callers that cannot throw checked exceptions (a token read at every connect). */
    public static String readUnchecked(Path file) {
        try {
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
