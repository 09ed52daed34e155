package net.voicegslb.gslb.pbx.transaction;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.codec.SipMethod;
import net.voicegslb.gslb.pbx.codec.Via;
import net.voicegslb.gslb.pbx.transport.SipConnection;

/**
 * The server transactions of the node, keyed per RFC 3261 17.2.3 (top Via branch, sent-by and
 * method; ACK matches its INVITE). Entries live 64*T1 so that every retransmission within
 * Timer J/H is absorbed; they expire in creation order from a queue, which costs O(1) per
 * transaction and needs no timer per entry.
 */
public final class ServerTransactions {

    private record Expiry(String key, ServerTransaction tx, long at) {}

    private final Map<String, ServerTransaction> byKey = new ConcurrentHashMap<>();
    private final Queue<Expiry> expiries = new ConcurrentLinkedQueue<>();
    private final LongSupplier clock;
    private final long lingerMillis;

    public ServerTransactions(LongSupplier clockMillis, long lingerMillis) {
        this.clock = clockMillis;
        this.lingerMillis = lingerMillis;
    }

    /**
     * The new transaction for {@code request}, or null when it is a retransmission (then the last
     * response has been repeated and the caller must do nothing).
     */
    public ServerTransaction begin(SipMessage request, SipConnection from) {
        String key = key(request, request.method() == SipMethod.ACK ? "INVITE" : request.methodName());
        ServerTransaction fresh = new ServerTransaction(key, request.method(), from);
        ServerTransaction existing = byKey.putIfAbsent(key, fresh);
        if (existing != null) {
            existing.retransmitted();
            return null;
        }
        expiries.add(new Expiry(key, fresh, clock.getAsLong() + lingerMillis));
        return fresh;
    }

    /** The INVITE transaction an ACK (for a non-2xx response) or a CANCEL belongs to, or null. */
    public ServerTransaction inviteOf(SipMessage request) {
        return byKey.get(key(request, "INVITE"));
    }

    /** Absorbs the ACK of a non-2xx final response; false when the ACK is not ours (2xx ACK). */
    public boolean absorbAck(SipMessage ack) {
        ServerTransaction tx = byKey.get(key(ack, "INVITE"));
        if (tx == null || tx.lastStatus() < 300) {
            return false;
        }
        tx.ack();
        return true;
    }

    public void expire() {
        long now = clock.getAsLong();
        Expiry e;
        while ((e = expiries.peek()) != null && e.at <= now) {
            expiries.poll();
            byKey.remove(e.key, e.tx);
        }
    }

    public int size() {
        return byKey.size();
    }

    private static String key(SipMessage m, String method) {
        Via via = m.topVia();
        if (via.rfc3261Branch()) {
            return via.branch() + '|' + via.sentBy() + '|' + method;
        }
        // RFC 2543 peers: no unique branch, match on the request's identifying fields (17.2.3)
        return m.callId() + '|' + m.cseq().number() + '|' + m.from().tag() + '|' + via.sentBy() + '|' + method
                + '|' + (m.requestUri() == null ? "" : m.requestUri().text());
    }
}
