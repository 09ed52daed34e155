package net.voicegslb.gslb.policy.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.voicegslb.gslb.policy.model.ClientPrefix;

/**
 * Configured CIDR to region map, the last data-driven fallback for clients nobody has measured.
 * Longest prefix wins. It is a sorted list scanned linearly: operators configure tens to hundreds
 * of entries, and it is consulted only for clients without measurements.
 */
public final class TopologyMap {
    private final List<Map.Entry<ClientPrefix, String>> entries;

    public TopologyMap(Map<ClientPrefix, String> cidrToRegion) {
        List<Map.Entry<ClientPrefix, String>> list = new ArrayList<>();
        cidrToRegion.forEach((k, v) -> list.add(Map.entry(Objects.requireNonNull(k), Objects.requireNonNull(v))));
        list.sort(Comparator.comparingInt((Map.Entry<ClientPrefix, String> e) -> e.getKey().length()).reversed());
        this.entries = List.copyOf(list);
    }

    public static TopologyMap empty() {
        return new TopologyMap(Map.of());
    }

    /** The most specific configured CIDR containing {@code client}, or null. */
    public Map.Entry<ClientPrefix, String> match(ClientPrefix client) {
        for (Map.Entry<ClientPrefix, String> e : entries) {
            if (e.getKey().contains(client)) {
                return e;
            }
        }
        return null;
    }

    public boolean hasFamily(boolean ipv6) {
        for (Map.Entry<ClientPrefix, String> e : entries) {
            if (e.getKey().ipv6() == ipv6) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return entries.size();
    }
}
