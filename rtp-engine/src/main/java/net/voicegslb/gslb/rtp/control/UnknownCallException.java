package net.voicegslb.gslb.rtp.control;

/** An answer or query for a call the relay does not have (never offered, or already ended). */
public final class UnknownCallException extends Exception {
    public UnknownCallException(String callId) {
        super("unknown call-id: " + callId);
    }
}
