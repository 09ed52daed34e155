package net.voicegslb.gslb.policy.health;

/** Health of a node or site as the ranking sees it. */
public enum HealthState {
    /** Serving normally. */
    UP,
    /** Serving, but reporting a problem (load, ports, loss): ranked lower, still answered. */
    DEGRADED,
    /** Not to be answered. */
    DOWN
}
