package net.voicegslb.gslb.pbx.store;

/** A user's digest hashes (lower-case hex); the realm is the tenant's domain. */
public record UserCredentials(String domain, String username, String ha1Md5, String ha1Sha256) {}
