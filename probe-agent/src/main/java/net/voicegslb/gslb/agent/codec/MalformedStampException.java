package net.voicegslb.gslb.agent.codec;

/** A datagram that is not a STAMP test packet this implementation can answer or use. */
public final class MalformedStampException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedStampException(String message) {
        super(message, null, false, false); // no stack trace: cheap on a hostile packet stream
    }
}
