package net.voicegslb.gslb.rtp.stats;

/** Which party of a call a leg faces: the one that sent the offer, or the one that answered. */
public enum LegSide {
    CALLER,
    CALLEE;

    public LegSide other() {
        return this == CALLER ? CALLEE : CALLER;
    }
}
