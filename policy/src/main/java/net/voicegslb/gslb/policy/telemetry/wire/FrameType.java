package net.voicegslb.gslb.policy.telemetry.wire;

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
}
