package net.voicegslb.gslb.policy.admin;

import java.util.Objects;
import net.voicegslb.gslb.policy.model.AdminState;

/**
 * What an operator set for a site at run time, over the state its config gives it.
 *
 * @param untilMillis when the override lapses and the config's state applies again, or
 *                    {@link #NO_END}
 * @param by          who set it (a user name, or "api" for the bearer token)
 * @param reason      why, in the operator's words; may be empty
 */
public record SiteAdminOverride(String siteId, AdminState state, long untilMillis, String by, String reason,
                                long sinceMillis) {

    public static final long NO_END = Long.MAX_VALUE;

    public SiteAdminOverride {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(state, "state");
        by = by == null || by.isBlank() ? "unknown" : by;
        reason = reason == null ? "" : reason;
    }

    public boolean lapsed(long nowMillis) {
        return untilMillis != NO_END && nowMillis >= untilMillis;
    }
}
