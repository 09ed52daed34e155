package net.voicegslb.gslb.rtp.control;

/** The relay cannot take another call: session limit reached or no port pair left. */
public final class RelayFullException extends Exception {
    public RelayFullException(String message) {
        super(message);
    }
}
