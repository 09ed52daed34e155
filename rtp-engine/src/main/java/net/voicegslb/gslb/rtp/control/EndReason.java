package net.voicegslb.gslb.rtp.control;

/** Why a relayed call ended. */
public enum EndReason {
    DELETED,
    TIMEOUT,
    SHUTDOWN
}
