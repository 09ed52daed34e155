package net.voicegslb.gslb.rtp.session;

/** State of the stream a leg receives, for capacity reporting. */
public enum StreamState {
    /** No media from the peer yet (call ringing, or the peer never sends). */
    WAITING,
    /** Latched and media arrived within the idle threshold. */
    ACTIVE,
    /** Latched but silent for a while (hold, DTX, or dying); the timeout closes it eventually. */
    IDLE
}
