package net.voicegslb.gslb.policy.sip;

/**
 * A SIP byte stream cannot be cut into messages: past this no message boundary can be trusted, so
 * the connection is useless.
 *
 * @see SipFraming
 */
public final class SipFramingException extends Exception {
    private final boolean tooLong;

    public SipFramingException(String message, boolean tooLong) {
        super(message);
        this.tooLong = tooLong;
    }

    /** True when a size limit was exceeded, false when the bytes were malformed. */
    public boolean tooLong() {
        return tooLong;
    }
}
