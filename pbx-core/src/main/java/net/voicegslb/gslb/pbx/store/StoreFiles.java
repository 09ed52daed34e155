package net.voicegslb.gslb.pbx.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The H2 file holds every user's HA1 hashes, which are as good as passwords for digest
 * authentication: it must not get the process umask (usually 0644). A missing store directory is
 * created 0700, a new database file 0600 before H2 opens it, and an existing database file that
 * other users can read or write is refused rather than silently used.
 */
public final class StoreFiles {

    static final String SUFFIX = ".mv.db";

    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private StoreFiles() {}

    /**
     * Prepares {@code base}{@value #SUFFIX} for H2. Throws {@link IllegalStateException} with the
     * file and what to do when an existing database is open to others.
     */
    public static void prepare(Path base) {
        Path file = databaseFile(base);
        Path dir = file.getParent();
        boolean posix = Files.getFileAttributeView(dir != null && Files.exists(dir) ? dir : Path.of("."),
                PosixFileAttributeView.class) != null;
        try {
            if (dir != null && !Files.isDirectory(dir)) {
                Files.createDirectories(dir, posix ? attrs(OWNER_ONLY_DIR) : new FileAttribute<?>[0]);
            }
            if (!posix) {
                return;
            }
            if (Files.exists(file)) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.stream().anyMatch(OTHERS::contains)) {
                    throw new IllegalStateException(file + " is open to other users (mode "
                            + PosixFilePermissions.toString(perms) + ") and holds password hashes; "
                            + "restrict it with 'chmod 600 " + file + "' (and consider changing the passwords)");
                }
                return;
            }
            try {
                // H2 treats an empty file as a new database, so it starts life 0600
                Files.createFile(file, attrs(OWNER_ONLY_FILE));
            } catch (FileAlreadyExistsException raced) {
                prepare(base);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the store " + file + ": " + e.getMessage(), e);
        }
    }

    public static Path databaseFile(Path base) {
        Path abs = base.toAbsolutePath();
        return abs.resolveSibling(abs.getFileName() + SUFFIX);
    }

    private static FileAttribute<?>[] attrs(Set<PosixFilePermission> perms) {
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)};
    }
}
