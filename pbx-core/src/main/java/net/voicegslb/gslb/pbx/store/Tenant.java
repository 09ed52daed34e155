package net.voicegslb.gslb.pbx.store;

import java.util.Map;

/** A served domain with its users' credentials, as the hot path reads them (no I/O). */
public record Tenant(String domain, boolean authRequired, Map<String, UserCredentials> users) {

    public UserCredentials user(String username) {
        return users.get(username);
    }
}
