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
import net.voicegslb.gslb.pbx.proxy.ProxyRefusals.Reason;
import net.voicegslb.gslb.pbx.store.Tenant;
import net.voicegslb.gslb.pbx.store.TenantDirectory;
import net.voicegslb.gslb.pbx.transaction.ClientListener;
import net.voicegslb.gslb.pbx.transaction.ClientTransaction;
import net.voicegslb.gslb.pbx.transaction.ClientTransactions;
import net.voicegslb.gslb.pbx.transaction.Responder;
import net.voicegslb.gslb.pbx.transaction.ServerTransaction;
import net.voicegslb.gslb.pbx.transaction.ToTags;
import net.voicegslb.gslb.pbx.transaction.TransactionTimers;
import net.voicegslb.gslb.pbx.transport.ConnectionAliases;
import net.voicegslb.gslb.pbx.transport.PeerLinks;
import net.voicegslb.gslb.pbx.transport.SipConnection;
import net.voicegslb.gslb.pbx.transport.Transport;

/**
 * Stateful proxy between users registered on this node (RFC 3261 16): {@link RouteDecision}
 * says whether a request is initial (routed by AOR to the newest binding, no forking, after
 * {@link CallerAdmission}) or in a dialog of ours (only along a Record-Route we stamped, see
 * {@link RouteStamp}), or refused, so that the node relays nothing for strangers. INVITE offers and
 * 2xx answers are anchored in the media relay on worker threads, only for dialogs held in
 * {@link Dialogs}.
 */
public final class Proxy {

    private static final java.util.regex.Pattern IP_LITERAL = java.util.regex.Pattern.compile(
            "[0-9.]+|\\[[0-9a-fA-F:.]+\\]");
    private static final String RETRY_AFTER = "Retry-After: 5\r\n";
    /** RFC 5630 8 (IANA): the Warning a SIPS request gets when it cannot be kept on TLS. */
    private static final String SIPS_NOT_ALLOWED = "Warning: 380 gslb-pbx \"SIPS Not Allowed\"\r\n";

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
    private final PeerToken peerToken;
    private final ProxyGuards guards;
    private final ConnectionAliases aliases;
    private final PeerLinks links;

    public Proxy(TenantDirectory tenants, LocationStore location, ClientTransactions clients, Responder responder,
            MediaAnchor media, Executor workers, LocalAddresses local, SipMetrics metrics, LongSupplier clockMillis,
            Supplier<Channel> udp, List<java.net.InetSocketAddress> peers, PeerToken peerToken, ProxyGuards guards) {
        this(tenants, location, clients, responder, media, workers, local, metrics, clockMillis, udp, peers, peerToken,
                guards, new ConnectionAliases(0));
    }

    /** @param aliases TLS connections their owners offered for requests to them (RFC 5923) */
    public Proxy(TenantDirectory tenants, LocationStore location, ClientTransactions clients, Responder responder,
            MediaAnchor media, Executor workers, LocalAddresses local, SipMetrics metrics, LongSupplier clockMillis,
            Supplier<Channel> udp, List<java.net.InetSocketAddress> peers, PeerToken peerToken, ProxyGuards guards,
            ConnectionAliases aliases) {
        this(tenants, location, clients, responder, media, workers, local, metrics, clockMillis, udp, peers, peerToken,
                guards, aliases, PeerLinks.none());
    }

    /** @param links our TLS connections to the peers configured with {@code transport: tls} */
    public Proxy(TenantDirectory tenants, LocationStore location, ClientTransactions clients, Responder responder,
            MediaAnchor media, Executor workers, LocalAddresses local, SipMetrics metrics, LongSupplier clockMillis,
            Supplier<Channel> udp, List<java.net.InetSocketAddress> peers, PeerToken peerToken, ProxyGuards guards,
            ConnectionAliases aliases, PeerLinks links) {
        this.links = links;
        this.aliases = aliases;
        this.peers = List.copyOf(peers);
        this.peerToken = peerToken;
        this.guards = guards;
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
        RouteDecision d = decide(m);
        switch (d.kind()) {
            case REFUSE -> refuse(tx, m, d.reason().equals(RouteDecision.FOREIGN_ROUTE) ? Reason.RELAY
                    : Reason.NO_DIALOG, 403, "Forbidden: " + d.reason(), null);
            case IN_DIALOG -> inDialog(m, tx, d);
            case LOCAL -> initial(m, tx, d);
        }
    }

    private RouteDecision decide(SipMessage m) {
        List<SipUri> routes = new java.util.ArrayList<>(m.routes().size());
        for (NameAddr r : m.routes()) {
            routes.add(r.uri());
        }
        return RouteDecision.decide(m.requestUri(), routes, m.to().tag() != null, local::isUs);
    }

    /** A request within a dialog: only along a Route we stamped; media only for a dialog we know. */
    private void inDialog(SipMessage m, ServerTransaction tx, RouteDecision d) {
        if (!guards.stamp().valid(RouteStamp.of(d.ourRoute()), m.callId(), m.from().tag(), m.to().tag())) {
            refuse(tx, m, Reason.NO_DIALOG, 403, "Forbidden: not a dialog of this proxy", null);
            return;
        }
        SipConnection target = d.nextRoute() != null ? literalTarget(d.nextRoute()) : contactTarget(d.requestUri());
        if (target == null) {
            metrics.proxyNotFound.increment();
            responder.respond(tx, m, 404, "No route to the target");
            return;
        }
        String uri = d.dropLastRoute() ? d.requestUri().text() : null;
        String branch = ClientTransactions.newBranch();
        if (m.method() == SipMethod.INVITE && m.hasSdpBody() && media != MediaAnchor.NONE) {
            if (!guards.dialogs().known(m.callId(), m.from().tag(), m.to().tag())) {
                refuse(tx, m, Reason.UNKNOWN_DIALOG, 481, "Call/Transaction Does Not Exist", null);
                return;
            }
            responder.respond(tx, m, 100, "Trying", null, null, null);
            anchorAndForward(m, tx, uri, null, d, target, branch, List.of());
            return;
        }
        if (m.method() == SipMethod.INVITE) {
            responder.respond(tx, m, 100, "Trying", null, null, null);
        }
        if (m.method() == SipMethod.BYE && guards.dialogs().close(m.callId(), m.from().tag(), m.to().tag())) {
            workers.execute(() -> media.release(m.callId()));
        }
        forward(m, tx, uri, null, d, null, target, branch, false, List.of());
    }

    /** A request that may create a dialog: the caller is admitted first, then routed by AOR. */
    private void initial(SipMessage m, ServerTransaction tx, RouteDecision d) {
        java.net.InetSocketAddress source = tx.connection().remote();
        CallerAdmission.Verdict verdict = guards.admission().admit(m, tx.connection());
        if (verdict instanceof CallerAdmission.Verdict.Ignored) {
            return;
        }
        if (verdict instanceof CallerAdmission.Verdict.Refused r) {
            refuse(tx, m, r.reason(), r.status(), r.phrase(), r.headers());
            return;
        }
        boolean fromPeer = ((CallerAdmission.Verdict.Admitted) verdict).peer();
        SipUri ruri = d.requestUri();
        Tenant tenant = ruri.isSip() ? tenants.forHost(ruri.host()) : null;
        if (tenant == null || ruri.user().isEmpty()) {
            metrics.proxyNotFound.increment();
            responder.respond(tx, m, 404, tenant == null ? "Domain not served here" : "Not Found");
            return;
        }
        List<Binding> bindings = location.lookup(ruri.user() + "@" + tenant.domain(), clock.getAsLong());
        Binding newest = bindings.isEmpty() ? null : bindings.get(bindings.size() - 1);
        String newUri = d.dropLastRoute() ? ruri.text() : null;
        SipConnection target;
        List<SipConnection> alternatives = List.of();
        // RFC 5630 / RFC 3261 26.2.2: a sips: target is reached over TLS on every hop, or not at all
        boolean sips = ruri.scheme().equals("sips");
        if (sips && newest != null && newest.connection().usable()
                && newest.connection().transport() != Transport.TLS) {
            refuse(tx, m, Reason.SIPS_DOWNGRADE, 480, "Temporarily Unavailable: callee not reachable over TLS",
                    SIPS_NOT_ALLOWED);
            return;
        }
        if ((newest == null || !newest.connection().usable()) && !fromPeer && !peers.isEmpty()) {
            // not registered here: the user may be registered at another site (serial, in config order)
            List<SipConnection> candidates = new java.util.ArrayList<>();
            for (java.net.InetSocketAddress peer : peers) {
                if (links.isTlsPeer(peer)) {
                    candidates.add(SipConnection.pendingPeer(peer));
                } else if (!sips) {
                    candidates.add(new SipConnection(Transport.UDP, udp.get(), peer));
                }
            }
            if (candidates.isEmpty()) {
                refuse(tx, m, Reason.SIPS_DOWNGRADE, 480, "Temporarily Unavailable: no TLS route to the callee's site",
                        SIPS_NOT_ALLOWED);
                return;
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
        String branch = ClientTransactions.newBranch();
        if (m.method() != SipMethod.INVITE) {
            forward(m, tx, newUri, null, d, null, target, branch, false, alternatives);
            return;
        }
        Dialogs.Admit admit = guards.dialogs().open(m.callId(), m.from().tag(), fromPeer ? null : source.getAddress());
        switch (admit) {
            case FULL -> {
                refuse(tx, m, Reason.DIALOGS_FULL, 503, "Service Unavailable: too many calls", RETRY_AFTER);
                return;
            }
            case SOURCE_PENDING -> {
                refuse(tx, m, Reason.SOURCE_PENDING, 503, "Service Unavailable: too many call attempts from "
                        + "this address", RETRY_AFTER);
                return;
            }
            case SOURCE_CALLS -> {
                refuse(tx, m, Reason.SOURCE_CALLS, 403, "Forbidden: too many calls from this address", null);
                return;
            }
            case OK -> { }
        }
        responder.respond(tx, m, 100, "Trying", null, null, null);
        String recordRoute = recordRoute(tx.connection().transport(), target.transport(),
                guards.stamp().stamp(m.callId(), m.from().tag()));
        if (m.hasSdpBody() && media != MediaAnchor.NONE) {
            anchorAndForward(m, tx, newUri, recordRoute, d, target, branch, alternatives);
        } else {
            forward(m, tx, newUri, recordRoute, d, null, target, branch, false, alternatives);
        }
    }

    /**
     * Our Record-Route for a dialog whose initial request came in over {@code in} and goes out over
     * {@code out}. When TLS is on one side and not the other, two entries (RFC 5658): the top one,
     * which the callee uses, names the outgoing transport, the other, which the caller uses (its
     * route set is reversed), the incoming one; so a phone on TLS sends its in-dialog requests over
     * TLS and a phone on UDP over UDP. Without TLS it stays one entry, as before.
     */
    private String recordRoute(Transport in, Transport out, String stamp) {
        if (in == out || (in != Transport.TLS && out != Transport.TLS)) {
            return "Record-Route: <" + recordRouteUri(out == Transport.TLS ? out : Transport.UDP, stamp) + ">\r\n";
        }
        return "Record-Route: <" + recordRouteUri(out, stamp) + ">, <" + recordRouteUri(in, stamp) + ">\r\n";
    }

    private String recordRouteUri(Transport t, String stamp) {
        String transport = switch (t) {
            case UDP -> "";
            case TCP -> ";transport=tcp";
            case TLS -> ";transport=tls";
        };
        return "sip:" + local.hostPort(t) + transport + ";" + RouteStamp.PARAM + "=" + stamp + ";lr";
    }

    /** The offer goes through the relay (blocking, on a worker), then the INVITE goes out with it. */
    private void anchorAndForward(SipMessage m, ServerTransaction tx, String uri, String recordRoute,
            RouteDecision d, SipConnection to, String branch, List<SipConnection> then) {
        workers.execute(() -> {
            byte[] sdp;
            try {
                // the INVITE's packet source vouches for the caller's media (NAT rule, rtp-engine README)
                sdp = media.offer(m.callId(), m.from().tag(), m.body(), tx.connection().remote().getAddress())
                        .getBytes(StandardCharsets.UTF_8);
            } catch (MediaException | RuntimeException e) {
                metrics.proxyMediaError.increment();
                if (recordRoute != null) {
                    guards.dialogs().close(m.callId(), m.from().tag(), null);
                }
                int status = e instanceof MediaException me ? me.status() : 500;
                responder.respond(tx, m, status, e.getMessage() == null ? "Media error" : e.getMessage());
                return;
            }
            forward(m, tx, uri, recordRoute, d, sdp, to, branch, true, then);
        });
    }

    private void refuse(ServerTransaction tx, SipMessage m, Reason reason, int status, String phrase,
            String headers) {
        if (reason != null) {
            guards.refusals().count(reason);
        }
        if (headers == null) {
            responder.respond(tx, m, status, phrase);
        } else {
            responder.respond(tx, m, status, phrase, ToTags.local(m), headers, null);
        }
    }

    /** Forgets dialogs past max_dialog_age (their BYE was lost) and frees their media. */
    public void expireDialogs() {
        for (Dialogs.Dialog gone : guards.dialogs().expire()) {
            workers.execute(() -> media.release(gone.callId()));
        }
    }

    private void forward(SipMessage m, ServerTransaction tx, String uri, String recordRoute, RouteDecision d,
            byte[] body, SipConnection to, String branch, boolean anchored, List<SipConnection> next) {
        if (to.pending()) {
            // a TLS peer: over our connection to it, once it is up (bounded by the connect and handshake timeouts)
            links.whenReady(to.remote(),
                    ready -> forward(m, tx, uri, recordRoute, d, body, ready, branch, anchored, next),
                    () -> peerUnreachable(m, tx, uri, recordRoute, d, body, anchored, next));
            return;
        }
        String via = "Via: SIP/2.0/" + to.transport() + " " + local.hostPort(to.transport()) + ";branch=" + branch
                + "\r\n";
        String extra = recordRoute;
        String sentUri = uri != null ? uri : m.requestUri().text();
        if (peerToken != null && peers.contains(to.remote())) {
            byte[] sentBody = body;
            if (sentBody == null) {
                sentBody = java.util.Arrays.copyOfRange(m.buffer(), m.bodyStart(), m.bodyStart() + m.bodyLength());
            }
            extra = (recordRoute == null ? "" : recordRoute)
                    + peerToken.headerLine(PeerToken.Signed.outgoing(m, sentUri, branch, sentBody));
        }
        byte[] out = MessageRewriter.forwardRequest(m, uri, via, extra, d.routesToDrop(), d.dropLastRoute(), body);
        Forwarded f = new Forwarded(tx, m, sentUri, branch, via, to, anchored, body, recordRoute, d, next);
        boolean invite = m.method() == SipMethod.INVITE;
        if (invite) {
            invites.put(tx.key(), f);
        }
        metrics.proxyForwarded.increment();
        clients.send(branch, m.cseq().methodName(), out, to,
                invite ? INVITE_TIMEOUT_MILLIS : TransactionTimers.TIMER_H_MILLIS,
                new Downstream(this, f, media, workers, guards.dialogs(), responder, metrics));
    }

    /**
     * Our TLS connection to a peer could not be had: the next peer, if any, else 503 (the call did
     * not happen: its dialog slot and media are freed). Never a fallback to UDP.
     */
    private void peerUnreachable(SipMessage m, ServerTransaction tx, String uri, String recordRoute, RouteDecision d,
            byte[] body, boolean anchored, List<SipConnection> next) {
        if (!next.isEmpty()) {
            forward(m, tx, uri, recordRoute, d, body, next.get(0), ClientTransactions.newBranch(), anchored,
                    next.subList(1, next.size()));
            return;
        }
        if (recordRoute != null) {
            guards.dialogs().close(m.callId(), m.from().tag(), null);
            if (anchored) {
                workers.execute(() -> media.release(m.callId()));
            }
        }
        metrics.proxyUnavailable.increment();
        responder.respond(tx, m, 503, "Service Unavailable: peer site not reachable over TLS", ToTags.local(m),
                RETRY_AFTER, null);
    }

    /**
     * ACK for a 2xx: end to end, forwarded statelessly along Route / Request-URI, and only along
     * a Route we stamped (anything else is an ACK for a response of ours, or not ours to pass on).
     */
    public void ack(SipMessage m, SipConnection from) {
        RouteDecision d = decide(m);
        if (d.kind() != RouteDecision.Kind.IN_DIALOG || m.maxForwards() == 0) {
            if (RouteDecision.FOREIGN_ROUTE.equals(d.reason())) {
                guards.refusals().count(Reason.RELAY);
            }
            return;
        }
        if (!guards.stamp().valid(RouteStamp.of(d.ourRoute()), m.callId(), m.from().tag(), m.to().tag())) {
            guards.refusals().count(Reason.NO_DIALOG);
            return;
        }
        SipConnection target = d.nextRoute() != null ? literalTarget(d.nextRoute()) : contactTarget(d.requestUri());
        if (target == null) {
            return;
        }
        String via = "Via: SIP/2.0/" + target.transport() + " " + local.hostPort(target.transport()) + ";branch="
                + ClientTransactions.newBranch() + "\r\n";
        byte[] out = MessageRewriter.forwardRequest(m, d.dropLastRoute() ? d.requestUri().text() : null, via, null,
                d.routesToDrop(), d.dropLastRoute(), null);
        if (target.pending()) {
            links.whenReady(target.remote(), ready -> ready.send(Unpooled.wrappedBuffer(out)), () -> { });
            return;
        }
        target.send(Unpooled.wrappedBuffer(out));
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

    /** A 404/480 from a peer with more peers to try: the same request goes to the next one. */
    void tryNextPeer(Forwarded f) {
        invites.remove(f.upstream().key(), f);
        forward(f.request(), f.upstream(), f.route().dropLastRoute() ? f.requestUri() : null, f.recordRoute(),
                f.route(), f.body(), f.next().get(0), ClientTransactions.newBranch(), f.anchored(),
                f.next().subList(1, f.next().size()));
    }

    /** The forwarded INVITE has its final answer (or none will come). */
    void inviteDone(Forwarded f) {
        invites.remove(f.upstream().key(), f);
    }

    private static final ClientListener IGNORE = new ClientListener() {
        @Override
        public void onResponse(ClientTransaction tx, SipMessage response, SipConnection from) {}

        @Override
        public void onTimeout(ClientTransaction tx) {}
    };

    static String header(SipMessage m, HeaderName name) {
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

    /**
     * An IP-literal URI: over the open TCP/TLS connection from that address, or the TLS connection
     * its owner aliased to it (RFC 5923), if there is one; else over UDP. (Opening TLS or TCP
     * connections ourselves is not done.)
     */
    private SipConnection literalTarget(SipUri uri) {
        if (uri == null || !uri.isSip() || !IP_LITERAL.matcher(uri.host()).matches()) {
            return null; // resolving names (RFC 3263) is not done here
        }
        String host = uri.host().startsWith("[") ? uri.host().substring(1, uri.host().length() - 1) : uri.host();
        java.net.InetSocketAddress address = new java.net.InetSocketAddress(host, uri.portOrDefault());
        if (links.isTlsPeer(address)) {
            return SipConnection.pendingPeer(address); // a peer's Record-Route: over our TLS connection to it
        }
        SipConnection aliased = aliases.lookup(address);
        if (aliased != null) {
            return aliased;
        }
        return new SipConnection(Transport.UDP, udp.get(), address);
    }
}
