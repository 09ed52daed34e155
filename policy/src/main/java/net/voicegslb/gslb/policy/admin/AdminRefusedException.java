package net.voicegslb.gslb.policy.admin;

/** An administrative change that was not made, with the reason in words for the operator. */
public final class AdminRefusedException extends RuntimeException {

    private final boolean forceable;

    /** A request that is wrong in itself (unknown site, bad end time): force cannot help. */
    public AdminRefusedException(String message) {
        this(message, false);
    }

    /** @param forceable the same request with force would be done (it takes the last active site out) */
    public AdminRefusedException(String message, boolean forceable) {
        super(message);
        this.forceable = forceable;
    }

    public boolean forceable() {
        return forceable;
    }
}
