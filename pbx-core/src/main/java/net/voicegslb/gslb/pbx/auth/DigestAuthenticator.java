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
        if (limiter.blocked(source)) {
            return new AuthOutcome.Blocked();
        }
        String header = request.headerValue(field);
        if (header == null) {
            return new AuthOutcome.Challenge(false, false);
        }
        DigestCredentials c = DigestCredentials.parse(header);
        if (c == null) {
            // another scheme (RFC 4475 regaut01) or a broken header: challenge, it may be a first try
            return new AuthOutcome.Challenge(false, false);
        }
        String algorithm = c.algorithm().toUpperCase(Locale.ROOT);
        if (!algorithms.contains(algorithm) || !tenant.domain().equals(c.realm()) || !"auth".equals(c.qop())
                || c.cnonce() == null) {
            return fail(source);
        }
        NonceService.Verdict verdict = nonces.check(c.nonce(), tenant.domain(), c.nc());
        if (verdict == NonceService.Verdict.STALE) {
            return new AuthOutcome.Challenge(true, false);
        }
        if (verdict != NonceService.Verdict.VALID) {
            return fail(source);
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
            return fail(source);
        }
        return new AuthOutcome.Authenticated(user);
    }

    /** One WWW-Authenticate line per algorithm, most preferred first (RFC 8760 2.4). */
    public String challenge(String realm, boolean stale) {
        return challenge("WWW-Authenticate", realm, stale);
    }

    /** The same as Proxy-Authenticate lines, for a 407. */
    public String proxyChallenge(String realm, boolean stale) {
        return challenge("Proxy-Authenticate", realm, stale);
    }

    private String challenge(String header, String realm, boolean stale) {
        StringBuilder sb = new StringBuilder(256);
        String nonce = nonces.issue(realm);
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

    private AuthOutcome fail(InetAddress source) {
        limiter.failed(source);
        return new AuthOutcome.Challenge(false, true);
    }
}
