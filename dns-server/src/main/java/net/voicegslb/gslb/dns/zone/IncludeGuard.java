package net.voicegslb.gslb.dns.zone;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Tokenizer;

/**
 * Checks every {@code $INCLUDE} of a zone file, and of the files it includes, before dnsjava reads
 * them: dnsjava follows any path, recursively and without a depth limit, so a zone file could pull
 * in {@code /etc/shadow} (and echo its lines in parse errors) or include itself until the stack
 * overflows. An include must name a regular file whose real path (symlinks resolved) lies inside
 * the directory of the zone file named in the config, at most {@value #MAX_DEPTH} levels deep.
 *
 * <p>The scan tokenizes with dnsjava's own {@link Tokenizer}, the way {@code Master} reads a file:
 * a directive is the first token of a logical line (parentheses join lines), and the path is
 * resolved against the including file's directory as {@code Master} does. A file swapped between
 * this check and the load is not caught; whoever can do that can write the zone directory anyway.
 */
final class IncludeGuard {

    /** Deep enough for "zone → per-site file → per-service file"; a cycle stops here too. */
    static final int MAX_DEPTH = 4;

    private final Path root;

    /** @param zoneFile the zone file named in the config; its directory bounds every include. */
    IncludeGuard(Path zoneFile) throws ZoneLoadException {
        try {
            Path parent = zoneFile.toAbsolutePath().getParent();
            this.root = parent.toRealPath();
        } catch (IOException e) {
            throw new ZoneLoadException(zoneFile, 0, "cannot resolve the zone directory: " + e.getMessage(), e);
        }
    }

    /** Throws naming the file and line of the first include that leaves the zone directory or nests too deep. */
    void check(Path zoneFile) throws ZoneLoadException {
        check(zoneFile, 0);
    }

    private void check(Path file, int depth) throws ZoneLoadException {
        try (InputStream in = Files.newInputStream(file); Tokenizer st = new Tokenizer(in)) {
            for (Tokenizer.Token t = st.get(true, false); t.type != Tokenizer.EOF; t = st.get(true, false)) {
                if (t.type == Tokenizer.IDENTIFIER || t.type == Tokenizer.QUOTED_STRING) {
                    if ("$INCLUDE".equalsIgnoreCase(t.value)) {
                        int line = lineOf(st);
                        Path target = allowed(file, line, st.getString(), depth + 1);
                        check(target, depth + 1);
                    }
                }
                skipToEndOfLine(st, t);
            }
        } catch (TextParseException e) {
            // Unbalanced parentheses and the like: dnsjava would stop at the same place.
            throw new ZoneLoadException(file, ZoneLoader.lineOf(e.getMessage()), "syntax error: " + e.getMessage());
        } catch (IOException e) {
            throw new ZoneLoadException(file, 0, "cannot read: " + e.getMessage(), e);
        }
    }

    private Path allowed(Path including, int line, String name, int depth) throws ZoneLoadException {
        if (depth > MAX_DEPTH) {
            throw new ZoneLoadException(including, line, "$INCLUDE " + name + " nests deeper than " + MAX_DEPTH
                    + " levels (an include cycle?)");
        }
        // Master resolves new File(parentOfIncludingFile, name); an absolute name is appended too.
        File parent = including.toAbsolutePath().getParent().toFile();
        Path target = new File(parent, name).toPath();
        Path real;
        try {
            real = target.toRealPath();
        } catch (IOException e) {
            throw new ZoneLoadException(including, line, "$INCLUDE " + name + ": no such file " + target);
        }
        if (!real.startsWith(root)) {
            throw new ZoneLoadException(including, line, "$INCLUDE " + name + " resolves to " + real
                    + ", outside the zone directory " + root);
        }
        if (!Files.isRegularFile(real)) {
            throw new ZoneLoadException(including, line, "$INCLUDE " + name + " is not a regular file");
        }
        return target;
    }

    private static void skipToEndOfLine(Tokenizer st, Tokenizer.Token first) throws IOException {
        if (first.isEOL()) { // EOL or EOF
            return;
        }
        for (Tokenizer.Token t = st.get(); !t.isEOL(); t = st.get()) {
            // rest of the record, parentheses included: the tokenizer only reports the logical end of line
        }
    }

    /** The tokenizer's current line, read from the location it puts in its exceptions. */
    private static int lineOf(Tokenizer st) {
        return ZoneLoader.lineOf(st.exception("x").getMessage());
    }
}
