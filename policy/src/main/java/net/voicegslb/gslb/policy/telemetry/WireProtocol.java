package net.voicegslb.gslb.policy.telemetry;

/**
 * Version of the telemetry wire model. Bump {@link #VERSION} on any incompatible change to the
 * records of this package; codecs reject envelopes newer than they understand and the server keeps
 * accepting {@link #MIN_SUPPORTED} during rolling upgrades.
 */
public final class WireProtocol {
    public static final int VERSION = 1;
    public static final int MIN_SUPPORTED = 1;

    private WireProtocol() {
    }

    public static boolean isSupported(int version) {
        return version >= MIN_SUPPORTED && version <= VERSION;
    }

    static void check(int version, String what) {
        if (!isSupported(version)) {
            throw new IllegalArgumentException(what + ": unsupported protocol version " + version
                    + " (supported " + MIN_SUPPORTED + ".." + VERSION + ")");
        }
    }
}
