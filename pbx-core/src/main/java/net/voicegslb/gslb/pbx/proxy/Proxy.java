package net.voicegslb.gslb.pbx.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import net.voicegslb.gslb.pbx.auth.AuthOutcome;
import net.voicegslb.gslb.pbx.auth.DigestAuthenticator;
import net.voicegslb.gslb.pbx.codec.HeaderName;
import net.voicegslb.gslb.pbx.codec.MessageRewriter;
import net.voicegslb.gslb.pbx.codec.NameAddr;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.codec.SipMethod;
import net.voicegslb.gslb.pbx.codec.SipUri;
import net.voicegslb.gslb.pbx.codec.Via;
import net.voicegslb.gslb.pbx.location.Binding;
import net.voicegslb.gslb.pbx.location.LocationStore;
import net.voicegslb.gslb.pbx.metrics.SipMetrics;
import net.voicegslb.gslb.pbx.store.Tenant;
import net.voicegslb.gslb.pbx.store.TenantDirectory;
import net.voicegslb.gslb.pbx.transaction.ClientListener;
import net.voicegslb.gslb.pbx.transaction.ClientTransaction;
import net.voicegslb.gslb.pbx.transaction.ClientTransactions;
import net.voicegslb.gslb.pbx.transaction.Responder;
import net.voicegslb.gslb.pbx.transaction.ServerTransaction;
import net.voicegslb.gslb.pbx.transaction.ToTags;
import net.voicegslb.gslb.pbx.transaction.TransactionTimers;
import net.voicegslb.gslb.pbx.transport.SipConnection;
import net.voicegslb.gslb.pbx.transport.Transport;

/**
 * Stateful proxy between users registered on this node (RFC 3261 16): initial requests are
 * routed by AOR to the newest binding (no forking), Record-Route keeps us in the dialog, in-dialog
 * requests follow Route and the Request-URI (a registered contact's flow when there is one).
 * INVITE offers and 2xx answers are anchored in the media relay on worker threads.
 */
public final class Proxy {

    private static final java.util.regex.Pattern IP_LITERAL = java.util.regex.Pattern.compile(
            "[0-9.]+|\\[[0-9a-fA-F:.]+\\]");

    /** Timer C stand-in: an INVITE with no final answer after this is given up (408). */
    private static final long INVITE_TIMEOUT_MILLIS = 180_000;

    private final TenantDirectory tenants;
    private final LocationStore location;
    private final ClientTransactions clients;
    private final Responder responder;
    private final MediaAnchor media;
    private final Executor workers;
    private final LocalAddresses local;
    private final SipMetrics metrics;
    private final LongSupplier clock;
    private final Supplier<Channel> udp;
    private final Map<String, Forwarded> invites = new ConcurrentHashMap<>();
    private final List<java.net.InetSocketAddress> peers;
    private final DigestAuthenticator authenticator;
    private final PeerToken peerToken;

    public Proxy(TenantDirectory tenants, LocationStore location, ClientTransactions clients, Responder responder,
            MediaAnchor media, Executor workers, LocalAddresses local, SipMetrics metrics, LongSupplier clockMillis,
            Supplier<Channel> udp, List<java.net.InetSocketAddress> peers, DigestAuthenticator authenticator,
            PeerToken peerToken) {
        this.peers = List.copyOf(peers);
        this.peerToken = peerToken;
        this.authenticator = authenticator;
        this.tenants = tenants;
        this.location = location;
        this.clients = clients;
        this.responder = responder;
        this.media = media;
        this.workers = workers;
        this.local = local;
        this.metrics = metrics;
        this.clock = clockMillis;
        this.udp = udp;
    }

    public void request(SipMessage m, ServerTransaction tx) {
        if (m.maxForwards() == 0) {
            responder.respond(tx, m, 483, "Too Many Hops");
            return;
        }
        List<NameAddr> routes = m.routes();
        boolean dropRoute = !routes.isEmpty() && local.isUs(routes.get(0).uri());
        NameAddr nextRoute = routes.size() > (dropRoute ? 1 : 0) ? routes.get(dropRoute ? 1 : 0) : null;
        String newUri = null;
        SipConnection target;
        List<SipConnection> alternatives = List.of();
        boolean initial = m.to().tag() == null;
        if (nextRoute != null) {
            target = literalTarget(nextRoute.uri());
        } else if (!initial) {
            target = contactTarget(m.requestUri());
        } else {
            if (!callerAuthenticated(m, tx)) {
                return;
            }
            SipUri ruri = m.requestUri();
            Tenant tenant = tenants.forHost(ruri.host());
            if (tenant == null || ruri.user().isEmpty()) {
                metrics.proxyNotFound.increment();
                responder.respond(tx, m, 404, tenant == null ? "Domain not served here" : "Not Found");
                return;
            }
            List<Binding> bindings = location.lookup(ruri.user() + "@" + tenant.domain(), clock.getAsLong());
            Binding newest = bindings.isEmpty() ? null : bindings.get(bindings.size() - 1);
            boolean fromPeer = fromPeer(m, tx);
            if ((newest == null || !newest.connection().usable()) && !fromPeer && !peers.isEmpty()) {
                // not registered here: the user may be registered at another site (serial, in config order)
                List<SipConnection> candidates = new java.util.ArrayList<>();
                for (java.net.InetSocketAddress peer : peers) {
                    candidates.add(new SipConnection(Transport.UDP, udp.get(), peer));
                }
                target = candidates.get(0);
                alternatives = candidates.subList(1, candidates.size());
                metrics.proxyPeer.increment();
            } else if (newest == null || !newest.connection().usable()) {
                boolean known = tenant.user(ruri.user()) != null;
                (known ? metrics.proxyUnavailable : metrics.proxyNotFound).increment();
                responder.respond(tx, m, known ? 480 : 404, known ? "Temporarily Unavailable" : "Not Found");
                return;
            } else {
                newUri = newest.contactText();
                target = newest.connection();
            }
        }
        if (target == null) {
            metrics.proxyNotFound.increment();
            responder.respond(tx, m, 404, "No route to the target");
            return;
        }
        boolean invite = m.method() == SipMethod.INVITE;
        if (invite) {
            responder.respond(tx, m, 100, "Trying", null, null, null);
        }
        String branch = ClientTransactions.newBranch();
        String recordRoute = invite && initial ? "Record-Route: <sip:" + local.hostPort() + ";lr>\r\n" : null;
        String uri = newUri;
        SipConnection to = target;
        List<SipConnection> then = alternatives;
        if (invite && m.hasSdpBody() && media != MediaAnchor.NONE) {
            workers.execute(() -> {
                byte[] sdp;
                try {
                    sdp = media.offer(m.callId(), m.from().tag(), m.body()).getBytes(StandardCharsets.UTF_8);
                } catch (MediaException | RuntimeException e) {
                    metrics.proxyMediaError.increment();
                    int status = e instanceof MediaException me ? me.status() : 500;
                    responder.respond(tx, m, status, e.getMessage() == null ? "Media error" : e.getMessage());
                    return;
                }
                forward(m, tx, uri, recordRoute, dropRoute, sdp, to, branch, true, then);
            });
        } else {
            if (m.method() == SipMethod.BYE) {
                workers.execute(() -> media.release(m.callId()));
            }
            forward(m, tx, uri, recordRoute, dropRoute, null, to, branch, false, then);
        }
    }

    /**
     * A caller who claims (in From) to be a user of a tenant that requires authentication must
     * prove it (407, RFC 3261 22.3), and may only call as that user. Callers from other domains
     * and requests relayed by a peer site (which checked them) pass.
     */
    private boolean callerAuthenticated(SipMessage m, ServerTransaction tx) {
        SipUri from = m.from().uri();
        Tenant callerTenant = from.isSip() ? tenants.forHost(from.host()) : null;
        if (callerTenant == null || !callerTenant.authRequired() || fromPeer(m, tx)) {
            return true;
        }
        AuthOutcome outcome = authenticator.authenticateProxy(m, callerTenant, tx.connection().remote().getAddress());
        if (outcome instanceof AuthOutcome.Blocked) {
            metrics.authBlocked.increment();
            return false;
        }
        if (outcome instanceof AuthOutcome.Challenge c) {
            (c.stale() ? metrics.authStale : c.failed() ? metrics.authFailed : metrics.authChallenged).increment();
            responder.respond(tx, m, 407, "Proxy Authentication Required", ToTags.local(m),
                    authenticator.proxyChallenge(callerTenant.domain(), c.stale()), null);
            return false;
        }
        metrics.authOk.increment();
        if (!((AuthOutcome.Authenticated) outcome).user().username().equals(from.user())) {
            responder.respond(tx, m, 403, "Forbidden: credentials are for another user");
            return false;
        }
        return true;
    }

    /** A configured peer's address and a valid token: what another site vouched for. */
    private boolean fromPeer(SipMessage m, ServerTransaction tx) {
        return peerToken != null && peers.contains(tx.connection().remote()) && peerToken.valid(m);
    }

    private void forward(SipMessage m, ServerTransaction tx, String uri, String recordRoute, boolean dropRoute,
            byte[] body, SipConnection to, String branch, boolean anchored, List<SipConnection> next) {
        String via = "Via: SIP/2.0/" + to.transport() + " " + local.hostPort() + ";branch=" + branch + "\r\n";
        String extra = recordRoute;
        if (peerToken != null && peers.contains(to.remote())) {
            extra = (recordRoute == null ? "" : recordRoute) + peerToken.headerLine(m);
        }
        byte[] out = MessageRewriter.forwardRequest(m, uri, via, extra, dropRoute, body);
        Forwarded f = new Forwarded(tx, m, uri != null ? uri : m.requestUri().text(), branch, via, to, anchored, body,
                recordRoute, next);
        boolean invite = m.method() == SipMethod.INVITE;
        if (invite) {
            invites.put(tx.key(), f);
        }
        metrics.proxyForwarded.increment();
        clients.send(branch, m.cseq().methodName(), out, to,
                invite ? INVITE_TIMEOUT_MILLIS : TransactionTimers.TIMER_H_MILLIS, new Downstream(f));
    }

    /** ACK for a 2xx: end to end, forwarded statelessly along Route / Request-URI. */
    public void ack(SipMessage m, SipConnection from) {
        List<NameAddr> routes = m.routes();
        boolean dropRoute = !routes.isEmpty() && local.isUs(routes.get(0).uri());
        if (!dropRoute && local.isUs(m.requestUri())) {
            return; // an ACK for a response we generated ourselves; nothing to pass on
        }
        NameAddr nextRoute = routes.size() > (dropRoute ? 1 : 0) ? routes.get(dropRoute ? 1 : 0) : null;
        SipConnection target = nextRoute != null ? literalTarget(nextRoute.uri()) : contactTarget(m.requestUri());
        if (target == null || m.maxForwards() == 0) {
            return;
        }
        String via = "Via: SIP/2.0/" + target.transport() + " " + local.hostPort() + ";branch="
                + ClientTransactions.newBranch() + "\r\n";
        target.send(Unpooled.wrappedBuffer(MessageRewriter.forwardRequest(m, null, via, null, dropRoute, null)));
    }

    public void cancel(SipMessage m, ServerTransaction tx, ServerTransaction invite) {
        Forwarded f = invite == null ? null : invites.get(invite.key());
        if (f == null) {
            responder.respond(tx, m, 481, "Call/Transaction Does Not Exist");
            return;
        }
        responder.respond(tx, m, 200, "OK");
        SipMessage r = f.request();
        String cancel = "CANCEL " + f.requestUri() + " SIP/2.0\r\n" + f.viaLine()
                + header(r, HeaderName.FROM) + header(r, HeaderName.TO) + header(r, HeaderName.CALL_ID)
                + "CSeq: " + r.cseq().number() + " CANCEL\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        clients.send(f.branch(), "CANCEL", cancel.getBytes(StandardCharsets.UTF_8), f.downstream(),
                TransactionTimers.TIMER_H_MILLIS, IGNORE);
    }

    /** A response no client transaction claims (a retransmitted 2xx): relayed along its Via. */
    public void strayResponse(SipMessage m, SipConnection from) {
        List<Via> vias = m.vias();
        if (vias.size() < 2 || !local.hostPort().equals(vias.get(0).sentBy())) {
            return;
        }
        SipConnection up = new SipConnection(Transport.UDP, udp.get(), vias.get(1).responseTarget());
        up.send(Unpooled.wrappedBuffer(MessageRewriter.relayResponse(m, null)));
    }

    private final class Downstream implements ClientListener {
        private final Forwarded f;

        Downstream(Forwarded f) {
            this.f = f;
        }

        @Override
        public void onResponse(ClientTransaction tx, SipMessage response, SipConnection from) {
            int status = response.status();
            if (status == 100) {
                return; // hop by hop (RFC 3261 16.7 item 5)
            }
            boolean invite = f.request().method() == SipMethod.INVITE;
            if ((status == 404 || status == 480) && !f.next().isEmpty()) {
                // this site does not have the user either: ACK the failure and try the next peer
                invites.remove(f.upstream().key(), f);
                if (invite) {
                    ackFailure(response);
                }
                forward(f.request(), f.upstream(), null, f.recordRoute(), false, f.body(), f.next().get(0),
                        ClientTransactions.newBranch(), f.anchored(), f.next().subList(1, f.next().size()));
                return;
            }
            if (invite && status >= 200) {
                invites.remove(f.upstream().key(), f);
            }
            if (invite && status >= 300) {
                ackFailure(response);
                if (f.anchored()) {
                    workers.execute(() -> media.release(f.request().callId()));
                }
            }
            if (invite && status < 300 && f.anchored() && response.hasSdpBody()) {
                workers.execute(() -> {
                    try {
                        String sdp = media.answer(response.callId(), f.request().from().tag(), response.to().tag(),
                                response.body());
                        relay(response, sdp.getBytes(StandardCharsets.UTF_8));
                    } catch (MediaException | RuntimeException e) {
                        metrics.proxyMediaError.increment();
                        relay(response, null);
                    }
                });
                return;
            }
            relay(response, null);
        }

        private void relay(SipMessage response, byte[] body) {
            f.upstream().send(Unpooled.wrappedBuffer(MessageRewriter.relayResponse(response, body)), response.status());
        }

        /** The ACK for a non-2xx final response is ours to send, hop by hop (RFC 3261 17.1.1.3). */
        private void ackFailure(SipMessage response) {
            SipMessage r = f.request();
            int toIndex = response.indexOf(HeaderName.TO);
            String to = "To: " + new String(response.buffer(), response.headerValueStart(toIndex),
                    response.headerValueEnd(toIndex) - response.headerValueStart(toIndex), StandardCharsets.UTF_8);
            String ack = "ACK " + f.requestUri() + " SIP/2.0\r\n" + f.viaLine() + header(r, HeaderName.FROM) + to
                    + "\r\n" + header(r, HeaderName.CALL_ID) + "CSeq: " + r.cseq().number()
                    + " ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
            f.downstream().send(Unpooled.wrappedBuffer(ack.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public void onTimeout(ClientTransaction tx) {
            invites.remove(f.upstream().key(), f);
            if (f.anchored()) {
                workers.execute(() -> media.release(f.request().callId()));
            }
            if (f.upstream().lastStatus() < 200) {
                responder.respond(f.upstream(), f.request(), 408, "Request Timeout");
            }
        }
    }

    private static final ClientListener IGNORE = new ClientListener() {
        @Override
        public void onResponse(ClientTransaction tx, SipMessage response, SipConnection from) {}

        @Override
        public void onTimeout(ClientTransaction tx) {}
    };

    private static String header(SipMessage m, HeaderName name) {
        int i = m.indexOf(name);
        return new String(m.buffer(), m.headerLineStart(i), m.headerLineEnd(i) - m.headerLineStart(i),
                StandardCharsets.UTF_8) + "\r\n";
    }

    /** A registered contact's own flow, else the URI's address if it is an IP literal. */
    private SipConnection contactTarget(SipUri uri) {
        Binding b = location.byContact(uri.text(), clock.getAsLong());
        if (b != null && b.connection().usable()) {
            return b.connection();
        }
        return literalTarget(uri);
    }

    private SipConnection literalTarget(SipUri uri) {
        if (uri == null || !uri.isSip() || !IP_LITERAL.matcher(uri.host()).matches()) {
            return null; // resolving names (RFC 3263) is not done here
        }
        String host = uri.host().startsWith("[") ? uri.host().substring(1, uri.host().length() - 1) : uri.host();
        return new SipConnection(Transport.UDP, udp.get(), new java.net.InetSocketAddress(host, uri.portOrDefault()));
    }
}
