package net.voicegslb.gslb.policy.sip;

/** The peer sent bytes that are not a SIP response we can match; the message says what was wrong. */
public final class MalformedSipResponseException extends Exception {
    public MalformedSipResponseException(String message) {
        super(message);
    }
}
