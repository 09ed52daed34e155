package net.voicegslb.gslb.deploy.it.gslb;

/**
 * One PBX node of the GSLB lab.
 *
 * @param id       node id, as in the DNS server's {@code gslb.nodes} and the agent's {@code agent.node_id}
 * @param site     its site
 * @param address  its loopback address (Linux routes all of 127/8 to lo)
 * @param silent   true when its SIP port is a bound socket that never answers instead of SIPp
 */
record LabNode(String id, String site, String address, boolean silent) {

    /** The SRV target, inside the served zone so that the server synthesizes its A record. */
    String hostname() {
        return id + ".nodes." + LabPlan.DOMAIN;
    }

    /** The dotted form dig prints in SRV rdata and owner names. */
    String hostnameDot() {
        return hostname() + ".";
    }
}
