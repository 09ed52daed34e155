package net.voicegslb.gslb.dns.zone;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/**
 * A loaded, validated zone: its records by owner name and type, and every name that exists in it,
 * empty non-terminals included (RFC 8020: a name with descendants exists even without records).
 */
public record ZoneData(
        Name origin,
        Path source,
        SOARecord soa,
        Map<Name, Map<Integer, RrSet>> nodes,
        Set<Name> existingNames,
        int recordCount) {

    public ZoneData {
        nodes = Collections.unmodifiableMap(nodes);
        existingNames = Collections.unmodifiableSet(existingNames);
    }

    /** The record sets at {@code name}, empty when it owns none. */
    public Map<Integer, RrSet> node(Name name) {
        return nodes.getOrDefault(name, Map.of());
    }

    public RrSet rrSet(Name name, int type) {
        return node(name).get(type);
    }

    public boolean exists(Name name) {
        return existingNames.contains(name);
    }

    /** TTL of negative answers, RFC 2308 section 5: the smaller of the SOA's TTL and MINIMUM. */
    public long negativeTtl() {
        return Math.min(soa.getTTL(), soa.getMinimum());
    }

    public long serial() {
        return soa.getSerial();
    }
}
