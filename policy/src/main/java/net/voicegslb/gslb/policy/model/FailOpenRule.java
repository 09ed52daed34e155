package net.voicegslb.gslb.policy.model;

/** What to answer when no site of a service is eligible: an empty answer strands every phone. */
public enum FailOpenRule {
    /** Every site that is not administratively disabled, best score first. */
    ALL,
    /** The site(s) most recently seen up, as if the outage had not happened. */
    LAST_KNOWN_GOOD,
    /** The single site with the best score, ignoring health. */
    LEAST_BAD
}
