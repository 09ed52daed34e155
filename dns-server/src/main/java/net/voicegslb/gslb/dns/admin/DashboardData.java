package net.voicegslb.gslb.dns.admin;

import java.util.Map;
import net.voicegslb.gslb.policy.model.ClientPrefix;

/** What the dashboard's charts read. Blocking; the routes call it off the event loop. */
public interface DashboardData {

    /**
     * Client networks by sites, with predicted quality and the site answered.
     *
     * @param service null for the first service
     * @throws IllegalArgumentException for an unknown service
     */
    Map<String, Object> heatMap(String service, int limit, String search);

    /** The last hour per site: share of queries and site-wide quality. */
    Map<String, Object> siteHistory();

    /** The last hour of one client network's quality per site, or null when it is not tracked. */
    Map<String, Object> prefixHistory(ClientPrefix prefix);
}
