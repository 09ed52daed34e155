package net.voicegslb.gslb.policy.admin;

import net.voicegslb.gslb.policy.model.AdminState;

/**
 * A site's administrative state changed, for the event history: by an operator, or because a drain
 * reached its end ({@code by} is then "drain ended").
 *
 * @param untilMillis end of the new state, or {@link SiteAdminOverride#NO_END}
 * @param forced      the change took the last serving site of a service out and was forced
 */
public record AdminChange(String siteId, AdminState from, AdminState to, String by, String reason,
                          long atMillis, long untilMillis, boolean forced) {
}
