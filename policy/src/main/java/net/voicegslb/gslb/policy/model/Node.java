package net.voicegslb.gslb.policy.model;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.List;
import java.util.Objects;

/**
 * A PBX node as DNS answers advertise it.
 *
 * @param id       node identifier, unique across sites
 * @param siteId   the site it belongs to
 * @param hostname target name for SRV records
 * @param ipv4     addresses for A records
 * @param ipv6     addresses for AAAA records
 * @param sip      SIP listeners, for SRV ports and NAPTR transports
 */
public record Node(String id, String siteId, String hostname, List<Inet4Address> ipv4, List<Inet6Address> ipv6,
                   List<SipEndpoint> sip) {
    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(hostname, "hostname");
        ipv4 = List.copyOf(ipv4);
        ipv6 = List.copyOf(ipv6);
        sip = List.copyOf(sip);
        if (ipv4.isEmpty() && ipv6.isEmpty()) {
            throw new IllegalArgumentException("node " + id + " advertises no address");
        }
    }
}
