package net.voicegslb.gslb.dns.admin;

import net.voicegslb.gslb.policy.admin.AdminChange;
import net.voicegslb.gslb.policy.admin.AdminPreview;
import net.voicegslb.gslb.policy.admin.AdminRequest;

/**
 * What the site action routes do: preview or make an administrative change. Blocking; the routes
 * call it off the event loop.
 */
public interface SiteActions {

    boolean hasSite(String siteId);

    /** @throws net.voicegslb.gslb.policy.admin.AdminRefusedException when the request is invalid */
    AdminPreview preview(AdminRequest request);

    /** Makes the change and records it in the event history. @throws AdminRefusedException when refused */
    AdminChange apply(AdminRequest request);

    /** The time requests are judged at, in epoch milliseconds. */
    long nowMillis();
}
