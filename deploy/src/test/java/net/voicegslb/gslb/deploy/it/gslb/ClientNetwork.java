package net.voicegslb.gslb.deploy.it.gslb;

/**
 * A client network of the lab: a /24 that resolvers name in ECS, and where each site's probe
 * relay for it lives (so that the agents file their STAMP results under this /24).
 *
 * @param name    short name for messages (A, B, C)
 * @param octet   third octet: the network is 127.20.{octet}.0/24
 */
record ClientNetwork(String name, int octet) {

    String prefix() {
        return "127.20." + octet + ".0/24";
    }

    /** The address part of the prefix, as explain and the ECS option take it. */
    String network() {
        return "127.20." + octet + ".0";
    }

    /** Where site number {@code siteIndex} (0-based in {@link LabPlan#SITES}) probes this network. */
    String relayAddress(int siteIndex) {
        return "127.20." + octet + "." + (11 + siteIndex);
    }

    @Override
    public String toString() {
        return "client" + name + " " + prefix();
    }
}
