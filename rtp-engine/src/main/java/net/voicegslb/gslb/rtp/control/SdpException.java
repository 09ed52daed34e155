package net.voicegslb.gslb.rtp.control;

/** An SDP the relay cannot anchor (no audio stream, no connection address, bad port). */
public final class SdpException extends Exception {
    public SdpException(String message) {
        super(message);
    }
}
