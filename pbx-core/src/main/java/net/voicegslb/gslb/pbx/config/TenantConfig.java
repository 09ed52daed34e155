package net.voicegslb.gslb.pbx.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A SIP domain served by the node. {@code aliases} are further host parts that mean the same
 * domain (for phones that register to the node's IP). Users from the config and from
 * {@code usersFile} are written to the store at start. {@code digest} is what its challenges offer,
 * already resolved against the node-wide {@code auth.algorithms} and the built-in default.
 */
public record TenantConfig(String domain, List<String> aliases, boolean authRequired, List<UserConfig> users,
        Path usersFile, int line, DigestConfig digest) {

    /** A tenant with the default digest offer ({@link DigestConfig#DEFAULT}). */
    public TenantConfig(String domain, List<String> aliases, boolean authRequired, List<UserConfig> users,
            Path usersFile, int line) {
        this(domain, aliases, authRequired, users, usersFile, line, DigestConfig.DEFAULT);
    }
}
