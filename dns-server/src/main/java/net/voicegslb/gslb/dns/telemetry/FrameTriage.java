package net.voicegslb.gslb.dns.telemetry;

import net.voicegslb.gslb.policy.telemetry.WireProtocol;
import net.voicegslb.gslb.policy.telemetry.wire.FrameType;
import net.voicegslb.gslb.policy.telemetry.wire.MalformedFrameException;
import net.voicegslb.gslb.policy.telemetry.wire.TelemetryFrameCodec;

/**
 * Looks at the fixed header of a raw frame without decoding it: the rate limiter must know a
 * heartbeat before paying for the decode, and a refused frame deserves a more precise reason than
 * "malformed" when the header tells it.
 */
final class FrameTriage {

    private static final int VERSION_OFFSET = 2;
    private static final int TYPE_OFFSET = 3;

    private FrameTriage() {
    }

    static boolean isHeartbeat(byte[] frame) {
        return frame.length > TYPE_OFFSET && hasMagic(frame)
                && (frame[TYPE_OFFSET] & 0xFF) == FrameType.HEARTBEAT.code();
    }

    /**
     * The reason for a frame the codec refused: another protocol version, values the telemetry
     * records refuse (they throw IllegalArgumentException, which the codec wraps), or plain bad bytes.
     */
    static RejectReason undecodable(byte[] frame, MalformedFrameException e) {
        if (frame.length > VERSION_OFFSET && hasMagic(frame)
                && !WireProtocol.isSupported(frame[VERSION_OFFSET] & 0xFF)) {
            return RejectReason.UNSUPPORTED_VERSION;
        }
        if (e.getCause() instanceof IllegalArgumentException) {
            return RejectReason.OUT_OF_RANGE;
        }
        return RejectReason.MALFORMED;
    }

    private static boolean hasMagic(byte[] frame) {
        return frame.length >= 2 && (((frame[0] & 0xFF) << 8) | (frame[1] & 0xFF)) == TelemetryFrameCodec.MAGIC;
    }
}
