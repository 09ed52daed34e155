package net.voicegslb.gslb.pbx;

import io.netty.buffer.ByteBuf;
import net.voicegslb.gslb.pbx.codec.HeaderName;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.codec.SipMethod;
import net.voicegslb.gslb.pbx.codec.SipParseException;
import net.voicegslb.gslb.pbx.metrics.SipMetrics;
import net.voicegslb.gslb.pbx.proxy.Proxy;
import net.voicegslb.gslb.pbx.registrar.Registrar;
import net.voicegslb.gslb.pbx.transaction.Admission;
import net.voicegslb.gslb.pbx.transaction.ClientTransactions;
import net.voicegslb.gslb.pbx.transaction.Responder;
import net.voicegslb.gslb.pbx.transaction.ServerTransaction;
import net.voicegslb.gslb.pbx.transaction.ServerTransactions;
import net.voicegslb.gslb.pbx.transaction.ToTags;
import net.voicegslb.gslb.pbx.transport.SipConnection;
import net.voicegslb.gslb.pbx.transport.SipInbound;

/**
 * Where every message enters the logic: responses go to their client transaction (or are
 * relayed by the proxy), requests pass the transaction layer (retransmissions stop here) and the
 * checks every element makes, then go to the registrar, the OPTIONS responder or the proxy.
 */
final class SipCore implements SipInbound {

    static final String ALLOW = "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER\r\n";
    private static final String OPTIONS_HEADERS = ALLOW + "Accept: application/sdp\r\nSupported: \r\n";

    private final ServerTransactions serverTransactions;
    private final ClientTransactions clientTransactions;
    private final Registrar registrar;
    private final Proxy proxy;
    private final Responder responder;
    private final SipMetrics metrics;
    private final String retryAfter;

    /**
     * @param retryAfterSeconds what a 503 for a full transaction table asks the client to wait; a
     *        quarter of a transaction's lifetime frees about a quarter of the table
     */
    SipCore(ServerTransactions serverTransactions, ClientTransactions clientTransactions, Registrar registrar,
            Proxy proxy, Responder responder, SipMetrics metrics, long retryAfterSeconds) {
        this.serverTransactions = serverTransactions;
        this.clientTransactions = clientTransactions;
        this.registrar = registrar;
        this.proxy = proxy;
        this.responder = responder;
        this.metrics = metrics;
        this.retryAfter = "Retry-After: " + retryAfterSeconds + "\r\n";
    }

    @Override
    public void onMessage(SipMessage m, SipConnection from) {
        if (!m.isRequest()) {
            if (!clientTransactions.onResponse(m, from)) {
                proxy.strayResponse(m, from);
            }
            return;
        }
        SipMethod method = m.method();
        if (method == SipMethod.ACK) {
            metrics.request(method);
            if (!serverTransactions.absorbAck(m)) {
                proxy.ack(m, from);
            }
            return;
        }
        if (method == SipMethod.CANCEL) {
            ServerTransaction tx = admit(m, from);
            if (tx == null) {
                return;
            }
            metrics.request(method);
            proxy.cancel(m, tx, serverTransactions.inviteOf(m));
            return;
        }
        if (method == SipMethod.OPTIONS && m.requestUri().isSip() && m.requestUri().user().isEmpty()
                && m.indexOf(HeaderName.REQUIRE) < 0 && m.indexOf(HeaderName.PROXY_REQUIRE) < 0) {
            // a ping to the node (DNS health checks, phones): answered statelessly like Kamailio's
            // sl_send_reply; answering a retransmission again changes nothing
            metrics.request(method);
            responder.respondStateless(from, m, 200, "OK", ToTags.local(m), OPTIONS_HEADERS);
            return;
        }
        ServerTransaction tx = admit(m, from);
        if (tx == null) {
            return;
        }
        metrics.request(method);
        if (!m.requestUri().isSip()) {
            responder.respond(tx, m, 416, "Unsupported URI Scheme");
            return;
        }
        if (m.indexOf(HeaderName.PROXY_REQUIRE) >= 0) {
            // no extension is supported by this proxy (RFC 3261 16.3 item 4)
            respondUnsupported(tx, m, HeaderName.PROXY_REQUIRE);
            return;
        }
        boolean local = method == SipMethod.REGISTER
                || (method == SipMethod.OPTIONS && m.requestUri().user().isEmpty());
        if (local && m.indexOf(HeaderName.REQUIRE) >= 0) {
            respondUnsupported(tx, m, HeaderName.REQUIRE);
            return;
        }
        switch (method) {
            case REGISTER -> registrar.register(m, tx);
            case OPTIONS -> {
                if (local) {
                    responder.respond(tx, m, 200, "OK", ToTags.local(m), OPTIONS_HEADERS, null);
                } else {
                    proxy.request(m, tx);
                }
            }
            default -> proxy.request(m, tx);
        }
    }

    /** The request's new transaction, or null when it was a retransmission or refused (table full: 503). */
    private ServerTransaction admit(SipMessage m, SipConnection from) {
        Admission admission = serverTransactions.admit(m, from);
        if (admission.retransmission()) {
            metrics.absorbed.increment();
        } else if (admission.refused()) {
            // stateless: keeping a transaction for the refusal is what we have no room for
            responder.respondStateless(from, m, 503, "Service Unavailable", ToTags.local(m), retryAfter);
        }
        return admission.transaction();
    }

    private void respondUnsupported(ServerTransaction tx, SipMessage m, HeaderName header) {
        responder.respond(tx, m, 420, "Bad Extension", ToTags.local(m),
                "Unsupported: " + m.headerValue(header).replaceAll("\\s+", " ") + "\r\n", null);
    }

    @Override
    public void onMalformed(byte[] raw, int length, SipParseException error, SipConnection from) {
        ByteBuf out = responder.writer().writeForMalformed(from.channel().alloc(), raw, length, error.status(),
                error.status() == 505 ? "Version Not Supported" : "Bad Request: " + error.getMessage());
        if (out != null) {
            metrics.response(error.status());
            from.send(out);
        }
    }
}
