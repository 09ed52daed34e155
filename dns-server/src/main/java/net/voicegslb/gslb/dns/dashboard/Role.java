package net.voicegslb.gslb.dns.dashboard;

import java.util.Locale;

/**
 * What a dashboard user may do. Each role includes the ones before it: a viewer reads, an
 * operator also drains, undrains, disables and enables sites, an admin also sees the users.
 */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named by {@code word} (viewer, operator, admin), or null. */
    public static Role ofWord(String word) {
        for (Role r : values()) {
            if (r.word().equals(word)) {
                return r;
            }
        }
        return null;
    }
}
