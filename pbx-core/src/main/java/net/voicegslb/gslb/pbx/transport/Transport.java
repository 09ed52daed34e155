package net.voicegslb.gslb.pbx.transport;

/** How a message travelled; the name is what Via carries (RFC 3261 20.42: UDP, TCP, TLS). */
public enum Transport {
    UDP, TCP, TLS;

    /** Unreliable transports need the retransmission timers of RFC 3261 17. */
    public boolean reliable() {
        return this != UDP;
    }
}
