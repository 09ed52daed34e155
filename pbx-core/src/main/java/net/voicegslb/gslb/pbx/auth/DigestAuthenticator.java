package net.voicegslb.gslb.pbx.auth;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import net.voicegslb.gslb.pbx.codec.HeaderName;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.config.DigestConfig;
import net.voicegslb.gslb.pbx.store.Ha1;
import net.voicegslb.gslb.pbx.store.Tenant;
import net.voicegslb.gslb.pbx.store.UserCredentials;

/**
 * HTTP digest for SIP (RFC 3261 22, RFC 7616 with SHA-256 per RFC 8760, MD5 for older phones),
 * qop=auth only. The realm is the tenant's domain; the stored HA1 stands in for the password. What
 * a challenge offers is the tenant's ({@link DigestConfig}); an answer may use only that.
 */
public final class DigestAuthenticator {

    private static final UserCredentials NOBODY = Ha1.of("invalid", "nobody", "x");

    private final NonceService nonces;
    private final AuthFailureLimiter limiter;

    public DigestAuthenticator(NonceService nonces, AuthFailureLimiter limiter) {
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
        if (!tenant.digest().offers(algorithm)) {
            // e.g. MD5 where only SHA-256 is offered: never a quiet step down, whatever the password
            return new AuthOutcome.Challenge(false, true, true);
        }
        if (!tenant.domain().equals(c.realm()) || !"auth".equals(c.qop()) || c.cnonce() == null) {
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
     * The tenant's WWW-Authenticate line(s): one for a single challenge, else one per algorithm,
     * most preferred first (RFC 8760 2.4), with a nonce that is only good from {@code source}, the
     * address the 401 goes to.
     */
    public String challenge(Tenant tenant, boolean stale, InetAddress source) {
        return challenge("WWW-Authenticate", tenant, stale, nonces.issue(tenant.domain(), source));
    }

    /** The same as Proxy-Authenticate lines, for a 407 sent to {@code source}. */
    public String proxyChallenge(Tenant tenant, boolean stale, InetAddress source) {
        return challenge("Proxy-Authenticate", tenant, stale, nonces.issue(tenant.domain(), source));
    }

    private static String challenge(String header, Tenant tenant, boolean stale, String nonce) {
        String realm = tenant.domain();
        StringBuilder sb = new StringBuilder(256);
        // DigestConfig guarantees a single challenge lists exactly one algorithm
        for (String algorithm : tenant.digest().algorithms()) {
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
