package net.voicegslb.gslb.dns.zone;

import java.nio.file.Path;

/** A zone file that cannot be served; the message names the file and, where known, the line. */
public final class ZoneLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    public ZoneLoadException(Path file, int line, String message) {
        super(format(file, line, message));
        this.file = file;
        this.line = line;
    }

    public ZoneLoadException(Path file, int line, String message, Throwable cause) {
        super(format(file, line, message), cause);
        this.file = file;
        this.line = line;
    }

    /** Several problems, already formatted one per line with file and line. */
    static ZoneLoadException of(Path file, int firstLine, String formatted) {
        return new ZoneLoadException(file, firstLine, formatted, true);
    }

    private ZoneLoadException(Path file, int line, String formatted, boolean preformatted) {
        super(formatted);
        this.file = file;
        this.line = line;
    }

    private static String format(Path file, int line, String message) {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }

    public Path file() {
        return file;
    }

    /** 1-based line, or 0 when the problem concerns the zone as a whole. */
    public int line() {
        return line;
    }
}
