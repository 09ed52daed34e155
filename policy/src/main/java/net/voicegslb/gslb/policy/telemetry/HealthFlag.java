package net.voicegslb.gslb.policy.telemetry;

/** Problems a node reports about itself; each says whether it makes the node degraded or unusable. */
public enum HealthFlag {
    SIP_STACK_DOWN(true),
    RTP_ENGINE_DOWN(true),
    REGISTRAR_UNAVAILABLE(true),
    SHUTTING_DOWN(true),
    OVERLOADED(false),
    RTP_PORTS_LOW(false),
    HIGH_PACKET_LOSS(false),
    CLOCK_UNSYNCHRONISED(false);

    private final boolean fatal;

    HealthFlag(boolean fatal) {
        this.fatal = fatal;
    }

    /** True when a node with this flag must not get new calls. */
    public boolean fatal() {
        return fatal;
    }
}
