package net.voicegslb.gslb.dns.zone;

import java.util.Comparator;
import java.util.List;
import org.xbill.DNS.Name;

/** The zones one server is authoritative for; the deepest enclosing zone answers a name. */
public record ZoneSet(List<ZoneData> zones) {

    public ZoneSet {
        zones = zones.stream().sorted(Comparator.comparingInt((ZoneData z) -> -z.origin().labels())).toList();
    }

    /** The zone that is authoritative for {@code name}, or null when none encloses it. */
    public ZoneData find(Name name) {
        for (ZoneData z : zones) {
            if (name.subdomain(z.origin())) {
                return z;
            }
        }
        return null;
    }
}
