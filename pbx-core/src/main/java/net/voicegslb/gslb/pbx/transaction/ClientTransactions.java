package net.voicegslb.gslb.pbx.transaction;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.transport.SipConnection;

/** Client transactions by branch and CSeq method (RFC 3261 17.1.3). */
public final class ClientTransactions {

    private final Map<String, ClientTransaction> byBranch = new ConcurrentHashMap<>();
    private final TransactionTimers timers;

    /** With the RFC 3261 timers. */
    public ClientTransactions() {
        this(TransactionTimers.RFC_3261);
    }

    /** @param timers T1 and T2 pace the retransmissions over UDP (Timer A/E) */
    public ClientTransactions(TransactionTimers timers) {
        this.timers = timers;
    }

    /** A fresh RFC 3261 branch: the magic cookie and 96 random bits. */
    public static String newBranch() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "z9hG4bK" + Long.toHexString(r.nextLong() & 0x7fffffffffffffffL) + Integer.toHexString(r.nextInt());
    }

    /**
     * Sends {@code request} in a new client transaction. {@code method} is part of the key: a
     * CANCEL shares its INVITE's branch (RFC 3261 9.1) but is a transaction of its own.
     */
    public ClientTransaction send(String branch, String method, byte[] request, SipConnection to,
            long timeoutMillis, ClientListener listener) {
        boolean invite = method.equals("INVITE");
        ClientTransaction tx = new ClientTransaction(branch, request, to, invite, listener, timers);
        String key = branch + '|' + method;
        byBranch.put(key, tx);
        tx.start(timeoutMillis, () -> byBranch.remove(key, tx));
        return tx;
    }

    /** @return false when no transaction of ours matches (a stray or late response) */
    public boolean onResponse(SipMessage response, SipConnection from) {
        String branch = response.topVia().branch();
        if (branch == null) {
            return false;
        }
        String key = branch + '|' + response.cseq().methodName();
        ClientTransaction tx = byBranch.get(key);
        if (tx == null) {
            return false;
        }
        tx.response(response, from, () -> byBranch.remove(key, tx));
        return true;
    }

    public int size() {
        return byBranch.size();
    }
}
