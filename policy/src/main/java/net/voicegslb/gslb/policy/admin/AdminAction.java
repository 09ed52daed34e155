package net.voicegslb.gslb.policy.admin;

import java.util.Locale;
import net.voicegslb.gslb.policy.model.AdminState;

/** What an operator can do to a site, by the state it leads to. */
public enum AdminAction {
    DRAIN(AdminState.DRAIN),
    UNDRAIN(AdminState.ACTIVE),
    DISABLE(AdminState.DISABLED),
    ENABLE(AdminState.ACTIVE);

    private final AdminState target;

    AdminAction(AdminState target) {
        this.target = target;
    }

    public AdminState target() {
        return target;
    }

    /** The lower-case word used in URLs, the CLI and the event history. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action for {@code word} (drain, undrain, disable, enable), or null. */
    public static AdminAction ofWord(String word) {
        for (AdminAction a : values()) {
            if (a.word().equals(word)) {
                return a;
            }
        }
        return null;
    }
}
