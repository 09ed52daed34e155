package net.voicegslb.gslb.policy.model;

/** What the operator wants for a site, independent of what its nodes report. */
public enum AdminState {
    /** Serves traffic normally. */
    ACTIVE,
    /** Being emptied for maintenance: answered only when nothing else is up. */
    DRAIN,
    /** Never answered, not even when failing open. */
    DISABLED
}
