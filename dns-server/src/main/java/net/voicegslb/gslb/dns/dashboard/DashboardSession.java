package net.voicegslb.gslb.dns.dashboard;

/**
 * A logged-in browser. The id travels only in an {@code HttpOnly} cookie; the CSRF token is handed
 * to the page's script and must come back in a header on every action, which a page on another
 * origin cannot read or send.
 */
public record DashboardSession(String id, String user, Role role, String csrfToken, long createdMillis,
                               long expiresMillis) {

    @Override
    public String toString() {
        return "session of " + user + " (" + role.word() + ")";
    }
}
