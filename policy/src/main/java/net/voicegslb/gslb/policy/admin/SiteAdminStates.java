package net.voicegslb.gslb.policy.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.voicegslb.gslb.policy.model.AdminState;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.model.Site;

/**
 * The administrative states operators set at run time, laid over the config's: the config says
 * what a site normally is, an override what it is until undone or until its drain ends. Kept per
 * site; an override equal to the config's state is dropped rather than stored. Thread-safe: every
 * method holds the instance lock, and none is on the DNS path (the effective inventory is).
 */
public final class SiteAdminStates {

    private final Map<String, SiteAdminOverride> overrides = new LinkedHashMap<>();

    /** {@code config} with every override applied. */
    public synchronized Inventory effective(Inventory config) {
        return apply(config, overrides);
    }

    /** {@code config} with the overrides as they would be after {@code request}; changes nothing. */
    public synchronized Inventory wouldBe(AdminRequest request, Inventory config, long nowMillis) {
        Map<String, SiteAdminOverride> copy = new LinkedHashMap<>(overrides);
        put(copy, request, config, nowMillis);
        return apply(config, copy);
    }

    /**
     * Makes {@code request} the site's state.
     *
     * @param forced the request took the last serving site of a service out, as allowed by force
     */
    public synchronized AdminChange apply(AdminRequest request, Inventory config, boolean forced, long nowMillis) {
        AdminState from = stateOf(request.siteId(), config);
        put(overrides, request, config, nowMillis);
        return new AdminChange(request.siteId(), from, request.target(), request.by(), request.reason(), nowMillis,
                request.untilMillis(), forced);
    }

    /** Drops overrides whose end has come; each becomes a change back to the config's state. */
    public synchronized List<AdminChange> expire(Inventory config, long nowMillis) {
        List<AdminChange> ended = new ArrayList<>();
        overrides.values().removeIf(o -> {
            if (!o.lapsed(nowMillis)) {
                return false;
            }
            Site site = config.siteOrNull(o.siteId());
            AdminState to = site == null ? AdminState.ACTIVE : site.adminState();
            ended.add(new AdminChange(o.siteId(), o.state(), to, "drain ended",
                    "the " + o.state().name().toLowerCase() + " set by " + o.by() + " reached its end",
                    nowMillis, SiteAdminOverride.NO_END, false));
            return true;
        });
        return ended;
    }

    /** After a reload: forgets overrides of sites the new config no longer has. */
    public synchronized void retain(Inventory config) {
        overrides.keySet().removeIf(id -> config.siteOrNull(id) == null);
    }

    /** The override of each site that has one. */
    public synchronized Map<String, SiteAdminOverride> overrides() {
        return Map.copyOf(overrides);
    }

    private AdminState stateOf(String siteId, Inventory config) {
        SiteAdminOverride o = overrides.get(siteId);
        return o != null ? o.state() : config.siteOrNull(siteId).adminState();
    }

    private static void put(Map<String, SiteAdminOverride> map, AdminRequest r, Inventory config, long nowMillis) {
        Site site = config.siteOrNull(r.siteId());
        if (r.action() != AdminAction.DRAIN && site.adminState() == r.target()) {
            map.remove(r.siteId()); // back to what the config says: nothing to remember
        } else {
            map.put(r.siteId(), new SiteAdminOverride(r.siteId(), r.target(), r.untilMillis(), r.by(), r.reason(),
                    nowMillis));
        }
    }

    private static Inventory apply(Inventory config, Map<String, SiteAdminOverride> map) {
        if (map.isEmpty()) {
            return config;
        }
        return config.mapSites(s -> {
            SiteAdminOverride o = map.get(s.id());
            return o == null ? s : s.withAdminState(o.state());
        });
    }
}
