package net.voicegslb.gslb.pbx.store;

import java.util.Map;
import net.voicegslb.gslb.pbx.config.DigestConfig;

/**
 * A served domain with its users' credentials, as the hot path reads them (no I/O), and what its
 * digest challenges offer.
 */
public record Tenant(String domain, boolean authRequired, Map<String, UserCredentials> users, DigestConfig digest) {

    /** A tenant with the default digest offer. */
    public Tenant(String domain, boolean authRequired, Map<String, UserCredentials> users) {
        this(domain, authRequired, users, DigestConfig.DEFAULT);
    }

    public UserCredentials user(String username) {
        return users.get(username);
    }
}
