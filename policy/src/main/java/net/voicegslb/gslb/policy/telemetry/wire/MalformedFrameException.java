package net.voicegslb.gslb.policy.telemetry.wire;

/**
 * A telemetry frame that cannot be decoded: truncated, oversized, an unknown type or version, a
 * length that points past the end, or values that the telemetry records reject. The only exception
 * {@link TelemetryFrameCodec#decode} throws, so a receiver can count it and drop the frame (or the
 * connection) without a catch-all.
 */
public final class MalformedFrameException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedFrameException(String message) {
        super(message);
    }

    public MalformedFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
