package net.voicegslb.gslb.dns.answer;

import java.util.Arrays;
import org.xbill.DNS.Name;

/**
 * An owner name whose answers for some types are computed per client by the GSLB layer instead of
 * read from the zone. The zone still holds placeholder records for it, so that every other type
 * gets the right static answer (NODATA, not NXDOMAIN) and CNAME chains into it resolve.
 */
public final class DynamicName {

    /** What a dynamic (name, type) answers with. */
    public enum Kind {
        /** A/AAAA of the best site's serving nodes. */
        HOST,
        /** SRV over every eligible site, priority in rank order, for one transport. */
        SRV,
        /** RFC 3263 NAPTR records pointing at the SRV names. */
        NAPTR
    }

    private final Name owner;
    private final String service;
    private final String tenant;
    private final int[] types;
    private final Kind[] kinds;
    private final String[] transports;
    private final int[] slots;

    /**
     * @param service    the service (its SIP domain) whose ranking decides
     * @param tenant     tenant label whose home sites are preferred, or null
     * @param types      DNS types answered dynamically here
     * @param kinds      per type
     * @param transports per type: the SIP transport of an SRV name (udp, tcp, tls), else null
     * @param slots      per type: a process-wide index of this (name, type), for per-client caches
     */
    public DynamicName(Name owner, String service, String tenant, int[] types, Kind[] kinds, String[] transports,
                       int[] slots) {
        this.owner = owner;
        this.service = service;
        this.tenant = tenant;
        this.types = types.clone();
        this.kinds = kinds.clone();
        this.transports = transports.clone();
        this.slots = slots.clone();
    }

    /** The slot of (this name, qtype), or -1 when that type is answered from the zone. */
    public int slot(int qtype) {
        for (int i = 0; i < types.length; i++) {
            if (types[i] == qtype) {
                return slots[i];
            }
        }
        return -1;
    }

    public Kind kind(int qtype) {
        for (int i = 0; i < types.length; i++) {
            if (types[i] == qtype) {
                return kinds[i];
            }
        }
        return null;
    }

    public String transport(int qtype) {
        for (int i = 0; i < types.length; i++) {
            if (types[i] == qtype) {
                return transports[i];
            }
        }
        return null;
    }

    public Name owner() {
        return owner;
    }

    public String service() {
        return service;
    }

    public String tenant() {
        return tenant;
    }

    public int[] types() {
        return types.clone();
    }

    @Override
    public String toString() {
        return owner + " " + Arrays.toString(types) + " (service " + service
                + (tenant == null ? "" : ", tenant " + tenant) + ")";
    }
}
