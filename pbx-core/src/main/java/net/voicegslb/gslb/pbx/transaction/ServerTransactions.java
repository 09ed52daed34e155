package net.voicegslb.gslb.pbx.transaction;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.codec.SipMethod;
import net.voicegslb.gslb.pbx.codec.Via;
import net.voicegslb.gslb.pbx.transport.SipConnection;

/**
 * The server transactions of the node, keyed per RFC 3261 17.2.3 (top Via branch, sent-by and
 * method; ACK matches its INVITE). Entries live 64*T1 so that every retransmission within
 * Timer J/H is absorbed; they expire in order from a queue, which costs O(1) per transaction and
 * needs no timer per entry (every entry is queued at now + the same linger, so the queue stays
 * sorted even when an entry is queued again). An INVITE answered with a failure is queued again
 * when its final response leaves, since Timer H runs from then. The table holds at most
 * {@code maxTransactions}; requests beyond that are refused (the caller answers 503), which
 * bounds the memory a flood of requests with fresh branches can take.
 */
public final class ServerTransactions {

    /** An unanswered INVITE is kept at most this many lingers (the proxy answers 408 long before). */
    private static final int MAX_PROCEEDING_LINGERS = 16;

    private record Expiry(ServerTransaction tx, long at) {}

    private final Map<String, ServerTransaction> byKey = new ConcurrentHashMap<>();
    private final Queue<Expiry> expiries = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final LongAdder refused = new LongAdder();
    private final LongSupplier clock;
    private final long lingerMillis;
    private final TransactionTimers timers;
    private final int maxTransactions;

    /**
     * @param clockMillis wall clock for expiry
     * @param timers T1/T2/T4; transactions linger 64*T1
     * @param maxTransactions the most transactions kept at once
     */
    public ServerTransactions(LongSupplier clockMillis, TransactionTimers timers, int maxTransactions) {
        this(clockMillis, timers.timerHMillis(), timers, maxTransactions);
    }

    /** RFC timers, no practical limit: for tests and benchmarks that choose the linger. */
    public ServerTransactions(LongSupplier clockMillis, long lingerMillis) {
        this(clockMillis, lingerMillis, TransactionTimers.RFC_3261, Integer.MAX_VALUE);
    }

    private ServerTransactions(LongSupplier clockMillis, long lingerMillis, TransactionTimers timers,
            int maxTransactions) {
        this.clock = clockMillis;
        this.lingerMillis = lingerMillis;
        this.timers = timers;
        this.maxTransactions = maxTransactions;
    }

    /**
     * Admits {@code request}: a new transaction, a retransmission (the last response has been
     * repeated and the caller must do nothing), or a refusal when the table is full.
     */
    public Admission admit(SipMessage request, SipConnection from) {
        String key = key(request, request.method() == SipMethod.ACK ? "INVITE" : request.methodName());
        if (size.get() >= maxTransactions) {
            // a retransmission of a transaction we hold is still answered; anything new is not
            ServerTransaction existing = byKey.get(key);
            if (existing != null) {
                existing.retransmitted();
                return Admission.RETRANSMISSION;
            }
            refused.increment();
            return Admission.REFUSED;
        }
        long now = clock.getAsLong();
        ServerTransaction fresh = new ServerTransaction(key, request.method(), from, timers, this, now);
        ServerTransaction existing = byKey.putIfAbsent(key, fresh);
        if (existing != null) {
            existing.retransmitted();
            return Admission.RETRANSMISSION;
        }
        size.incrementAndGet();
        long at = now + lingerMillis;
        fresh.expiresAt(at);
        expiries.add(new Expiry(fresh, at));
        return new Admission(fresh, false);
    }

    /**
     * The new transaction for {@code request}, or null when it is a retransmission (then the last
     * response has been repeated and the caller must do nothing) or the table is full.
     */
    public ServerTransaction begin(SipMessage request, SipConnection from) {
        return admit(request, from).transaction();
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

    /** An INVITE sent its failure response: keep it for Timer H from now. */
    void completed(ServerTransaction tx) {
        long at = clock.getAsLong() + lingerMillis;
        if (at > tx.expiresAt()) {
            tx.expiresAt(at);
            expiries.add(new Expiry(tx, at));
        }
    }

    /** Ends {@code tx} now (Timer I after its ACK). */
    void remove(ServerTransaction tx) {
        if (byKey.remove(tx.key(), tx)) {
            size.decrementAndGet();
        }
        tx.end();
    }

    public void expire() {
        long now = clock.getAsLong();
        Expiry e;
        while ((e = expiries.peek()) != null && e.at <= now) {
            expiries.poll();
            ServerTransaction tx = e.tx;
            if (tx.expiresAt() > e.at) {
                continue; // queued again later (its final response restarted Timer H)
            }
            if (proceedingInvite(tx) && now - tx.createdAt() < MAX_PROCEEDING_LINGERS * lingerMillis) {
                // still ringing: the final response is yet to come and must be matched to this transaction
                long at = now + lingerMillis;
                tx.expiresAt(at);
                expiries.add(new Expiry(tx, at));
                continue;
            }
            remove(tx);
        }
    }

    private static boolean proceedingInvite(ServerTransaction tx) {
        int status = tx.lastStatus();
        return tx.method() == SipMethod.INVITE && status >= 100 && status < 200;
    }

    public int size() {
        return size.get();
    }

    /** Requests refused because the table was full, since start. */
    public long refused() {
        return refused.sum();
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
