package net.voicegslb.gslb.pbx.auth;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import net.voicegslb.gslb.pbx.codec.HeaderName;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.store.Ha1;
import net.voicegslb.gslb.pbx.store.Tenant;
import net.voicegslb.gslb.pbx.store.UserCredentials;

/**
 * HTTP digest for SIP (RFC 3261 22, RFC 7616 with SHA-256 per RFC 8760, MD5 for older phones),
 * qop=auth only. The realm is the tenant's domain; the stored HA1 stands in for the password.
 */
public final class DigestAuthenticator {

    private static final UserCredentials NOBODY = Ha1.of("invalid", "nobody", "x");

    private final List<String> algorithms;
    private final NonceService nonces;
    private final AuthFailureLimiter limiter;

    public DigestAuthenticator(List<String> algorithms, NonceService nonces, AuthFailureLimiter limiter) {
        this.algorithms = List.copyOf(algorithms);
        this.nonces = nonces;
        this.limiter = limiter;
    }

    /** REGISTER: credentials in Authorization (RFC 3261 22.2). */
    public AuthOutcome authenticate(SipMessage request, Tenant tenant, InetAddress source) {
        return authenticate(request, tenant, source, HeaderName.AUTHORIZATION);
    }

    /** A request through the proxy: credentials in Proxy-Authorization (RFC 3261 22.3). */
    public AuthOutcome authenticateProxy(SipMessage request, Tenant tenant, InetAddress source) {
        return authenticate(request, tenant, source, HeaderName.PROXY_AUTHORIZATION);
    }

    private AuthOutcome authenticate(SipMessage request, Tenant tenant, InetAddress source, HeaderName field) {
        String header = request.headerValue(field);
        if (header == null) {
            return new AuthOutcome.Challenge(false, false);
        }
        DigestCredentials c = DigestCredentials.parse(header);
        if (c == null) {
            // another scheme (RFC 4475 regaut01) or a broken header: challenge, it may be a first try
            return new AuthOutcome.Challenge(false, false);
        }
        if (limiter.blocked(source, c.username())) {
            return new AuthOutcome.Blocked();
        }
        String algorithm = c.algorithm().toUpperCase(Locale.ROOT);
        if (!algorithms.contains(algorithm) || !tenant.domain().equals(c.realm()) || !"auth".equals(c.qop())
                || c.cnonce() == null) {
            return new AuthOutcome.Challenge(false, true); // not counted: anyone can send this from any address
        }
        NonceService.Verdict verdict = nonces.check(c.nonce(), tenant.domain(), source, c.nc());
        if (verdict == NonceService.Verdict.STALE) {
            return new AuthOutcome.Challenge(true, false);
        }
        if (verdict != NonceService.Verdict.VALID) {
            // a nonce we did not give this address, or a replay: no proof the sender is who it claims to be
            return new AuthOutcome.Challenge(false, true);
        }
        UserCredentials user = tenant.user(c.username());
        // hash even for an unknown user so that timing does not tell who exists
        UserCredentials check = user != null ? user : NOBODY;
        String digest = algorithm.equals("MD5") ? "MD5" : "SHA-256";
        String ha1 = digest.equals("MD5") ? check.ha1Md5() : check.ha1Sha256();
        String ha2 = Ha1.hex(digest, request.methodName() + ":" + c.uri());
        String expected = Ha1.hex(digest, ha1 + ":" + c.nonce() + ":" + c.nc() + ":" + c.cnonce() + ":auth:" + ha2);
        boolean ok = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                c.response().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        if (!ok || user == null) {
            // the sender received our challenge at this address: a real attempt, so it counts
            limiter.failed(source, c.username());
            return new AuthOutcome.Challenge(false, true);
        }
        if (!nonces.accept(c.nonce(), c.nc())) {
            return new AuthOutcome.Challenge(false, true); // a copy of this request authenticated first
        }
        return new AuthOutcome.Authenticated(user);
    }

    /**
     * One WWW-Authenticate line per algorithm, most preferred first (RFC 8760 2.4), with a nonce
     * that is only good from {@code source}, the address the 401 goes to.
     */
    public String challenge(String realm, boolean stale, InetAddress source) {
        return challenge("WWW-Authenticate", realm, stale, nonces.issue(realm, source));
    }

    /** The same as Proxy-Authenticate lines, for a 407 sent to {@code source}. */
    public String proxyChallenge(String realm, boolean stale, InetAddress source) {
        return challenge("Proxy-Authenticate", realm, stale, nonces.issue(realm, source));
    }

    private String challenge(String header, String realm, boolean stale, String nonce) {
        StringBuilder sb = new StringBuilder(256);
        for (String algorithm : algorithms) {
            sb.append(header).append(": Digest realm=\"").append(realm).append("\", nonce=\"").append(nonce)
                    .append("\", qop=\"auth\", algorithm=").append(algorithm);
            if (stale) {
                sb.append(", stale=true");
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

}
