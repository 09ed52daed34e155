package net.voicegslb.gslb.policy.rank;

/** Whether a site may be answered, and if not, why. */
public enum Eligibility {
    ELIGIBLE,
    /** Administratively draining: answered only when no site is eligible. */
    DRAINING,
    EXCLUDED_DOWN,
    EXCLUDED_FULL,
    EXCLUDED_DISABLED;

    public boolean excluded() {
        return this != ELIGIBLE && this != DRAINING;
    }
}
