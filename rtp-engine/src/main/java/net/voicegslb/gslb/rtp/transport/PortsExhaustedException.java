package net.voicegslb.gslb.rtp.transport;

/** No RTP port pair could be reserved and bound. */
public final class PortsExhaustedException extends Exception {
    public PortsExhaustedException(String message) {
        super(message);
    }
}
