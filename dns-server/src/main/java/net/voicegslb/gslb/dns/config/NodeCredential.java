package net.voicegslb.gslb.dns.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A node's telemetry credential. Only the SHA-256 of the token is kept, so that neither a heap dump
 * nor a careless log line shows it, and comparison is constant-time.
 */
public record NodeCredential(String nodeId, byte[] tokenSha256) {

    public static NodeCredential ofToken(String nodeId, String token) {
        return new NodeCredential(nodeId, sha256(token.strip()));
    }

    /** True when {@code presented} is this node's token; takes the same time for every wrong token. */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(tokenSha256, sha256(presented.strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    @Override
    public String toString() {
        return "NodeCredential[" + nodeId + "]"; // never the digest
    }
}
