package net.voicegslb.gslb.pbx.transport;

/** How a message travelled; the name is what Via carries. */
public enum Transport {
    UDP, TCP;

    /** Unreliable transports need the retransmission timers of RFC 3261 17. */
    public boolean reliable() {
        return this != UDP;
    }
}
