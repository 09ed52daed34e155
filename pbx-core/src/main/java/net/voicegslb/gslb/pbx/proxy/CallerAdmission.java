package net.voicegslb.gslb.pbx.proxy;

import java.net.InetSocketAddress;
import java.util.List;
import net.voicegslb.gslb.pbx.auth.AuthOutcome;
import net.voicegslb.gslb.pbx.auth.DigestAuthenticator;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.codec.SipUri;
import net.voicegslb.gslb.pbx.metrics.SipMetrics;
import net.voicegslb.gslb.pbx.proxy.ProxyRefusals.Reason;
import net.voicegslb.gslb.pbx.store.Tenant;
import net.voicegslb.gslb.pbx.store.TenantDirectory;

/**
 * Who may start a dialog through this node. A request is admitted when a configured peer site
 * vouches for it (its address and a valid, unused peer token), when its caller proves with a
 * digest to be the user From names (tenants with {@code auth: digest}), when From names a tenant
 * with {@code auth: none}, or, only with {@code allow_unknown_callers}, when From names a domain
 * we do not serve. Everything else is refused before any media is anchored.
 */
public final class CallerAdmission {

    /** The verdict on an initial request. */
    public sealed interface Verdict {
        /** Go ahead; {@code peer}: another site vouched for it (no quotas, never passed to peers again). */
        record Admitted(boolean peer) implements Verdict {}

        /** Answer {@code status}; {@code reason} is counted unless null (a 407 challenge is no refusal). */
        record Refused(int status, String phrase, String headers, Reason reason) implements Verdict {}

        /** Say nothing (the source is over its failure budget). */
        record Ignored() implements Verdict {}
    }

    private final TenantDirectory tenants;
    private final DigestAuthenticator authenticator;
    private final PeerSources peers;
    private final PeerToken peerToken;
    private final boolean allowUnknownCallers;
    private final SipMetrics metrics;

    public CallerAdmission(TenantDirectory tenants, DigestAuthenticator authenticator, List<InetSocketAddress> peers,
            PeerToken peerToken, boolean allowUnknownCallers, SipMetrics metrics) {
        this(tenants, authenticator, PeerSources.udp(peers), peerToken, allowUnknownCallers, metrics);
    }

    /** @param peers which connections peer sites use (UDP peers by address, TLS peers by certificate) */
    public CallerAdmission(TenantDirectory tenants, DigestAuthenticator authenticator, PeerSources peers,
            PeerToken peerToken, boolean allowUnknownCallers, SipMetrics metrics) {
        this.tenants = tenants;
        this.authenticator = authenticator;
        this.peers = peers;
        this.peerToken = peerToken;
        this.allowUnknownCallers = allowUnknownCallers;
        this.metrics = metrics;
    }

    public Verdict admit(SipMessage m, net.voicegslb.gslb.pbx.transport.SipConnection connection) {
        InetSocketAddress source = connection.remote();
        if (m.otherHeaderValue(PeerToken.HEADER) != null) {
            // claims to come from a site: it must, fully, or it is refused (never silently downgraded)
            if (peerToken != null && peers.fromPeer(connection) && peerToken.check(m) == PeerToken.Check.VALID) {
                return new Verdict.Admitted(true);
            }
            return new Verdict.Refused(403, "Forbidden: invalid peer token", null, Reason.PEER_TOKEN);
        }
        SipUri from = m.from().uri();
        Tenant callerTenant = from.isSip() ? tenants.forHost(from.host()) : null;
        if (callerTenant == null) {
            return allowUnknownCallers ? new Verdict.Admitted(false)
                    : new Verdict.Refused(403, "Forbidden: caller domain not served here", null,
                            Reason.UNKNOWN_CALLER);
        }
        if (!callerTenant.authRequired()) {
            return new Verdict.Admitted(false);
        }
        AuthOutcome outcome = authenticator.authenticateProxy(m, callerTenant, source.getAddress());
        if (outcome instanceof AuthOutcome.Blocked) {
            metrics.authBlocked.increment();
            return new Verdict.Ignored();
        }
        if (outcome instanceof AuthOutcome.Challenge c) {
            (c.stale() ? metrics.authStale : c.unofferedAlgorithm() ? metrics.authUnofferedAlgorithm
                    : c.failed() ? metrics.authFailed : metrics.authChallenged).increment();
            return new Verdict.Refused(407, "Proxy Authentication Required",
                    authenticator.proxyChallenge(callerTenant, c.stale(), source.getAddress()), null);
        }
        metrics.authOk.increment();
        if (!((AuthOutcome.Authenticated) outcome).user().username().equals(from.user())) {
            return new Verdict.Refused(403, "Forbidden: credentials are for another user", null, Reason.WRONG_USER);
        }
        return new Verdict.Admitted(false);
    }
}
