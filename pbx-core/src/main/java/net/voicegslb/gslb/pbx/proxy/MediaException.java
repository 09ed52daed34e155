package net.voicegslb.gslb.pbx.proxy;

/** The relay cannot anchor this call; {@code status} is what the caller is told (488 or 503). */
public final class MediaException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    public MediaException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
