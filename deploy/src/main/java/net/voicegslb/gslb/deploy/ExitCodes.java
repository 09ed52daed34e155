package net.voicegslb.gslb.deploy;

/** Exit codes of every subcommand, so that scripts can tell a bad config from a crash. */
final class ExitCodes {
    static final int OK = 0;
    /** The operation ran and failed (reload refused, server unreachable). */
    static final int FAILED = 1;
    /** picocli's own code for bad flags. */
    static final int USAGE = 2;
    /** The configuration or a zone file is not valid; the message names file, line and field. */
    static final int CONFIG = 3;
    /** A valid configuration could not be started (address in use, permission denied). */
    static final int START = 4;

    private ExitCodes() {}
}
