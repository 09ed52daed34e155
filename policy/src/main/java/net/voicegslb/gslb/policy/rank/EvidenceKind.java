package net.voicegslb.gslb.policy.rank;

/** Where a site's score came from, most specific first. */
public enum EvidenceKind {
    /** Measurements of exactly the client's aggregated prefix. */
    EXACT_PREFIX,
    /** Measurements of a shorter prefix covering the client (a roll-up or an agent's wider report). */
    COVERING_PREFIX,
    /** The site's average over all measured clients. */
    SITE_AGGREGATE,
    /** Nothing measured; the topology map puts the client in the site's region. */
    TOPOLOGY,
    /** Nothing measured and no topology match: the configured pool order decides. */
    CONFIGURED_ORDER
}
