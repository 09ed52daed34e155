package net.voicegslb.gslb.dns.telemetry;

import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import net.voicegslb.gslb.dns.config.NodeCredential;

/**
 * Tells which node an upgrade request comes from: a bearer token matched against every node's
 * credential (each in constant time, and all of them every time, so timing reveals neither the
 * token nor which node it belongs to), or, when mutual TLS is configured, the node a verified
 * client certificate names ({@link CertificateIdentity}: subjectAltName and clientAuth EKU). A request that presents a token is judged by the token alone.
 * Immutable; a reload builds a new one.
 */
final class NodeAuthenticator {
    private static final String BEARER = "bearer ";

    private final List<NodeCredential> credentials;
    private final boolean certificates;

    NodeAuthenticator(Map<String, NodeCredential> credentials, boolean certificates) {
        this.credentials = List.copyOf(credentials.values());
        this.certificates = certificates;
    }

    /**
     * @param authorization   the Authorization header, or null
     * @param certificateCn   the node a verified client certificate names, or null
     * @param configuredNode  whether a node id is in the inventory (for certificate identities)
     */
    Optional<AgentIdentity> authenticate(String authorization, String certificateCn,
                                         Predicate<String> configuredNode) {
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return Optional.empty();
            }
            String token = authorization.substring(BEARER.length());
            String found = null;
            for (NodeCredential c : credentials) {
                if (c.matches(token) && found == null) {
                    found = c.nodeId();
                }
            }
            return Optional.ofNullable(found).map(id -> new AgentIdentity(id, false));
        }
        if (certificates && certificateCn != null && configuredNode.test(certificateCn)) {
            return Optional.of(new AgentIdentity(certificateCn, true));
        }
        return Optional.empty();
    }

    /** Whether a connection authenticated under {@code old} may stay open under this (newer) one. */
    boolean stillAccepts(AgentIdentity id, NodeAuthenticator old) {
        if (id.certificate()) {
            return certificates;
        }
        NodeCredential now = find(id.nodeId());
        NodeCredential then = old.find(id.nodeId());
        return now != null && then != null && MessageDigest.isEqual(now.tokenSha256(), then.tokenSha256());
    }

    private NodeCredential find(String nodeId) {
        for (NodeCredential c : credentials) {
            if (c.nodeId().equals(nodeId)) {
                return c;
            }
        }
        return null;
    }

    static String describe(String authorization) {
        if (authorization == null) {
            return "no credentials";
        }
        return authorization.toLowerCase(Locale.ROOT).startsWith(BEARER) ? "unknown token" : "not a bearer token";
    }
}
