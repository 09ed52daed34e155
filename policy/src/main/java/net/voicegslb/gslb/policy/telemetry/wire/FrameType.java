package net.voicegslb.gslb.policy.telemetry.wire;

import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import net.voicegslb.gslb.policy.telemetry.TelemetryMessage;

/** The payload kind in byte 3 of a telemetry frame. Codes are wire values: never renumber. */
public enum FrameType {
    HELLO(1),
    HEARTBEAT(2),
    MEASUREMENT_BATCH(3),
    PROBE_TARGET_LIST(4);

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for a wire code, or null when the code is unknown. */
    public static FrameType ofCode(int code) {
        for (FrameType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** The frame type that carries {@code m}. */
    public static FrameType of(TelemetryMessage m) {
        // Java 17 has no pattern switch; the sealed interface keeps this list complete.
        if (m instanceof NodeHello) {
            return HELLO;
        } else if (m instanceof NodeHeartbeat) {
            return HEARTBEAT;
        } else if (m instanceof MeasurementBatch) {
            return MEASUREMENT_BATCH;
        }
        return PROBE_TARGET_LIST;
    }
}
