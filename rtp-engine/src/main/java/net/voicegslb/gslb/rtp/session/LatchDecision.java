package net.voicegslb.gslb.rtp.session;

/** What {@link RemoteLatch} made of a packet's source address. */
public enum LatchDecision {
    /** From the latched peer: relay it. */
    ACCEPT,
    /** First media from this peer, from a source signalling vouches for: now latched, relay it. */
    LATCHED,
    /** The peer moved (NAT rebinding, or the signalled endpoint took the latch back): relay it. */
    RELATCHED,
    /**
     * Nothing latched yet and the source is neither the SDP address nor the peer's signalling IP:
     * drop it. This is a third party spraying the port range to be the first to latch.
     */
    REFUSE_BEFORE_LATCH,
    /** From someone other than the latched peer while that peer is alive: drop it (hijacking). */
    REFUSE_AFTER_LATCH
}
