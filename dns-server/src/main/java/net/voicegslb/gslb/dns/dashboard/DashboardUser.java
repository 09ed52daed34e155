package net.voicegslb.gslb.dns.dashboard;

/**
 * One dashboard login from {@code admin.users}.
 *
 * @param passwordHash a BCrypt hash ({@code gslb passwd} makes one); never the password itself
 */
public record DashboardUser(String name, Role role, String passwordHash) {

    /** Without the hash: a user may end up in a log line. */
    @Override
    public String toString() {
        return name + " (" + role.word() + ")";
    }
}
