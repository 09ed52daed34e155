package net.voicegslb.gslb.pbx.proxy;

import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which TLS peer a certificate chain belongs to: it must chain to one of the peer CAs
 * ({@code sip.tls.peer_ca_pem}, checked again here although the handshake checked it, because
 * the listener also trusts {@code client_ca_pem}, and a trunk's certificate must not pass for a
 * site's) and its leaf must carry a peer's {@code tls_server_name} as a DNS or IP subject
 * alternative name (exact, no wildcards). No I/O: the chain comes from the handshake.
 */
public final class PeerIdentity {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private final Set<TrustAnchor> anchors = new HashSet<>();
    private final Map<String, String> siteByName;

    /** @param siteByName the TLS peers' server names (any case) and their site names */
    public PeerIdentity(Collection<X509Certificate> peerCas, Map<String, String> siteByName) {
        for (X509Certificate ca : peerCas) {
            anchors.add(new TrustAnchor(ca, null));
        }
        this.siteByName = Map.copyOf(lower(siteByName));
    }

    private static Map<String, String> lower(Map<String, String> in) {
        Map<String, String> out = new java.util.HashMap<>();
        in.forEach((name, site) -> out.put(normal(name), site));
        return out;
    }

    /** The site {@code chain} (leaf first) proves to be, or null. */
    public String site(List<X509Certificate> chain) {
        if (chain.isEmpty() || anchors.isEmpty() || siteByName.isEmpty() || !chainsToPeerCa(chain)) {
            return null;
        }
        try {
            Collection<List<?>> sans = chain.get(0).getSubjectAlternativeNames();
            if (sans == null) {
                return null;
            }
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                if ((type == SAN_DNS || type == SAN_IP) && san.get(1) instanceof String value) {
                    String site = siteByName.get(normal(value));
                    if (site != null) {
                        return site;
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            return null;
        }
        return null;
    }

    private boolean chainsToPeerCa(List<X509Certificate> chain) {
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate c : chain) {
            if (!isAnchor(c)) {
                path.add(c); // the peer may send its CA along; the path ends below the anchor
            }
        }
        if (path.isEmpty()) {
            return false;
        }
        try {
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private boolean isAnchor(X509Certificate c) {
        for (TrustAnchor a : anchors) {
            if (a.getTrustedCert().equals(c)) {
                return true;
            }
        }
        return false;
    }

    /** Lower case; an IP literal in its canonical form (so ::1 and 0:0:0:0:0:0:0:1 match). */
    static String normal(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.matches("[0-9.]+|[0-9a-f:]*:[0-9a-f:.]*")) {
            try {
                return InetAddress.getByName(n).getHostAddress(); // a literal: no lookup
            } catch (java.net.UnknownHostException e) {
                return n;
            }
        }
        return n;
    }
}
