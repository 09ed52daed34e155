package net.voicegslb.gslb.dns.dashboard;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's users, by name. Checking a password costs the same whether the user exists or
 * not, so response time does not tell which names are real.
 */
public final class DashboardUsers {

    private static final DashboardUsers NONE = new DashboardUsers(List.of(), null);

    private final Map<String, DashboardUser> byName = new LinkedHashMap<>();
    private final PasswordHashes hashes;
    /** Compared against when the name is unknown, to spend the same time. */
    private final String decoy;

    private DashboardUsers(Collection<DashboardUser> users, PasswordHashes hashes) {
        users.forEach(u -> byName.put(u.name(), u));
        this.hashes = hashes;
        this.decoy = hashes == null || users.isEmpty() ? null : hashes.hash("decoy password, never valid");
    }

    public static DashboardUsers of(Collection<DashboardUser> users) {
        return users.isEmpty() ? NONE : new DashboardUsers(users, new PasswordHashes());
    }

    public static DashboardUsers none() {
        return NONE;
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    public DashboardUser get(String name) {
        return byName.get(name);
    }

    public Collection<DashboardUser> all() {
        return byName.values();
    }

    /** The user when the name and password match; empty otherwise, after the same work. */
    public Optional<DashboardUser> authenticate(String name, CharSequence password) {
        if (hashes == null) {
            return Optional.empty();
        }
        DashboardUser u = name == null ? null : byName.get(name);
        boolean ok = hashes.matches(password, u == null ? decoy : u.passwordHash());
        return ok && u != null ? Optional.of(u) : Optional.empty();
    }
}
