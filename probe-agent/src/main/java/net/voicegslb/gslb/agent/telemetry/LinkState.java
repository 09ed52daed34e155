package net.voicegslb.gslb.agent.telemetry;

/** Where the connection to one DNS node stands. */
public enum LinkState {
    CONNECTING,
    CONNECTED,
    /** Closed or failed; a reconnect is scheduled. */
    BACKING_OFF,
    /** The node refused our credentials (HTTP 401/403 on upgrade); retried with backoff all the same. */
    REJECTED,
    STOPPED
}
