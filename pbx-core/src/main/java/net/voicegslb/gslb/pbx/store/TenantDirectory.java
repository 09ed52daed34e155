package net.voicegslb.gslb.pbx.store;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.voicegslb.gslb.pbx.config.TenantConfig;

/**
 * Domain (or alias) to tenant, with every user's hashes in memory so that REGISTER never waits
 * for the database. {@link #reload} swaps in a fresh immutable snapshot read from the store.
 */
public final class TenantDirectory {

    private volatile Map<String, Tenant> byHost = Map.of();

    public void reload(List<TenantConfig> tenants, PbxStore store) {
        Map<String, Map<String, UserCredentials>> users = new HashMap<>();
        for (UserCredentials u : store.users()) {
            users.computeIfAbsent(u.domain(), d -> new HashMap<>()).put(u.username(), u);
        }
        Map<String, Tenant> next = new HashMap<>();
        for (TenantConfig t : tenants) {
            Tenant tenant = new Tenant(t.domain(), t.authRequired(), Map.copyOf(users.getOrDefault(t.domain(), Map.of())),
                    t.digest());
            next.put(t.domain(), tenant);
            for (String alias : t.aliases()) {
                next.put(alias, tenant);
            }
        }
        byHost = Map.copyOf(next);
    }

    /** The tenant serving this host part of a URI, or null. */
    public Tenant forHost(String host) {
        Tenant t = byHost.get(host);
        return t != null ? t : byHost.get(host.toLowerCase(Locale.ROOT));
    }

    public int userCount() {
        return byHost.values().stream().distinct().mapToInt(t -> t.users().size()).sum();
    }
}
