package net.voicegslb.gslb.policy.admin;

import java.time.Duration;
import java.util.Objects;
import net.voicegslb.gslb.policy.model.AdminState;

/**
 * An operator's request to change a site's administrative state: drain until a time, undrain,
 * disable or enable. A drain always ends: a forgotten drain would quietly keep a healthy site out
 * of the pool for good.
 *
 * @param untilMillis end of a drain; {@link SiteAdminOverride#NO_END} for the other actions
 * @param force       allow taking the last serving site of a service out of the pool
 */
public record AdminRequest(String siteId, AdminAction action, long untilMillis, String by, String reason,
                           boolean force) {

    /** The longest drain one request may set. */
    public static final Duration MAX_DRAIN = Duration.ofDays(30);

    public AdminRequest {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(action, "action");
    }

    public static AdminRequest drain(String siteId, long untilMillis, String by, String reason, boolean force) {
        return new AdminRequest(siteId, AdminAction.DRAIN, untilMillis, by, reason, force);
    }

    public static AdminRequest of(String siteId, AdminAction action, String by, String reason, boolean force) {
        return new AdminRequest(siteId, action, SiteAdminOverride.NO_END, by, reason, force);
    }

    /** The state the site is asked to be in. */
    public AdminState target() {
        return action.target();
    }

    /**
     * Checks what does not depend on the inventory.
     *
     * @throws AdminRefusedException naming what is wrong
     */
    public void validate(long nowMillis) {
        if (action == AdminAction.DRAIN) {
            if (untilMillis == SiteAdminOverride.NO_END) {
                throw new AdminRefusedException("a drain needs an end time (until)");
            }
            if (untilMillis <= nowMillis) {
                throw new AdminRefusedException("the drain's end time is not in the future");
            }
            if (untilMillis - nowMillis > MAX_DRAIN.toMillis()) {
                throw new AdminRefusedException("a drain may last at most " + MAX_DRAIN.toDays()
                        + " days; disable the site for longer");
            }
        } else if (untilMillis != SiteAdminOverride.NO_END) {
            throw new AdminRefusedException("only a drain takes an end time; " + action.word() + " does not");
        }
    }
}
