package net.voicegslb.gslb.pbx.codec;

/**
 * A message that cannot be processed. {@link #status()} is what a UAS answers (400, or 505 for an
 * unknown SIP version); the message is the reason phrase, so the sender learns what was wrong.
 */
public final class SipParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    public SipParseException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public SipParseException(String reason) {
        this(400, reason);
    }

    public int status() {
        return status;
    }
}
