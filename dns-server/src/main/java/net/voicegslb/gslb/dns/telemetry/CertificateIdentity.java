package net.voicegslb.gslb.dns.telemetry;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.model.Node;

/**
 * The node a verified client certificate speaks for, or why it speaks for none. The CA vouches
 * for what it put in the subjectAltName, for a purpose named in the extended key usage; a CN is
 * free text that many CAs copy from a request without a second look. So the leaf must carry the
 * clientAuth EKU (a server or code-signing certificate from the same CA is no agent), and the
 * node is named by a SAN: a dNSName equal to the node's id or its configured hostname, or a URI
 * {@value #URI_PREFIX}{@code <node id>}. A SAN that names no configured node, or several, names
 * none. The CN counts only when the certificate has no SAN at all and {@code allowCn} (the
 * {@code tls.allow_cn_identity} compatibility switch) is on.
 *
 * @param nodeId   the node, or null
 * @param refusal  why there is none (for the log), or null
 */
record CertificateIdentity(String nodeId, String refusal) {

    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    static final String URI_PREFIX = "urn:voicegslb:node:";
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;

    static CertificateIdentity of(List<Certificate> chain, Inventory inventory, boolean allowCn) {
        if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf)) {
            return refused("no client certificate");
        }
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            if (eku == null || !eku.contains(CLIENT_AUTH)) {
                return refused("client certificate lacks the clientAuth extended key usage");
            }
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            if (sans == null || sans.isEmpty()) {
                if (!allowCn) {
                    return refused("client certificate names no node in a subjectAltName (CN identities need "
                            + "tls.allow_cn_identity)");
                }
                String cn = ServerTls.commonName(chain);
                return cn != null && inventory.node(cn).isPresent() ? new CertificateIdentity(cn, null)
                        : refused("client certificate CN names no configured node");
            }
            Set<String> nodes = new TreeSet<>();
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                String value = String.valueOf(san.get(1));
                if (type == SAN_DNS) {
                    nodeNamed(inventory, value, nodes);
                } else if (type == SAN_URI && value.regionMatches(true, 0, URI_PREFIX, 0, URI_PREFIX.length())) {
                    String id = value.substring(URI_PREFIX.length());
                    if (inventory.node(id).isPresent()) {
                        nodes.add(id);
                    }
                }
            }
            if (nodes.size() == 1) {
                return new CertificateIdentity(nodes.iterator().next(), null);
            }
            return refused(nodes.isEmpty() ? "client certificate's subjectAltName names no configured node"
                    : "client certificate's subjectAltName names several nodes " + nodes);
        } catch (CertificateParsingException e) {
            return refused("client certificate extensions unreadable: " + e.getMessage());
        }
    }

    private static void nodeNamed(Inventory inventory, String dnsName, Set<String> out) {
        String name = dnsName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (inventory.node(name).isPresent()) {
            out.add(name);
            return;
        }
        for (Node n : inventory.nodes()) {
            if (n.hostname().equalsIgnoreCase(name) || n.hostname().equalsIgnoreCase(name + ".")) {
                out.add(n.id());
            }
        }
    }

    private static CertificateIdentity refused(String why) {
        return new CertificateIdentity(null, why);
    }
}
