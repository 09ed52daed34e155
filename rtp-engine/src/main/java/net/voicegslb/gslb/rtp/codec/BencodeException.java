package net.voicegslb.gslb.rtp.codec;

/** Malformed bencode from an ng control client. */
public final class BencodeException extends Exception {
    public BencodeException(String message) {
        super(message);
    }
}
