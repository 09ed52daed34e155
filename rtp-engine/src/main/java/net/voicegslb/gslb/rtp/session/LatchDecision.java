package net.voicegslb.gslb.rtp.session;

/** What {@link RemoteLatch} made of a packet's source address. */
public enum LatchDecision {
    /** From the latched peer: relay it. */
    ACCEPT,
    /** First media from this peer: now latched to its source, relay it. */
    LATCHED,
    /** The peer moved (NAT rebinding, or the signalled address took over): relay it. */
    RELATCHED,
    /** From someone else while the peer is alive: drop it, this is what hijacking looks like. */
    REJECT
}
