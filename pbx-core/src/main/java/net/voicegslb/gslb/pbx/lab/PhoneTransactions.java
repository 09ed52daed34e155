package net.voicegslb.gslb.pbx.lab;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import net.voicegslb.gslb.pbx.codec.SipMessage;

/**
 * A phone's client transactions over UDP (RFC 3261 17.1, simplified): a request is retransmitted
 * from 500 ms, doubling up to 4 s, until a final response (an INVITE only until a provisional
 * one), and fails after the timeout (so a 2 s timeout sends at 0, 0.5 and 1.5 s, like Timer E). Responses are matched by the top Via branch. Loop thread only.
 */
final class PhoneTransactions {

    private static final long FIRST_RETRANSMIT_MILLIS = 500; // RFC 3261 T1
    private static final long MAX_RETRANSMIT_MILLIS = 4000; // RFC 3261 T2

    /** Puts bytes on the phone's (emulated) wire. */
    @FunctionalInterface
    interface Wire {
        void send(InetSocketAddress to, byte[] bytes);
    }

    private final PhoneIo io;
    private final Wire wire;
    private final long timeoutMillis;
    private final Map<String, Outgoing> outgoing = new HashMap<>();

    PhoneTransactions(PhoneIo io, Wire wire, long timeoutMillis) {
        this.io = io;
        this.wire = wire;
        this.timeoutMillis = timeoutMillis;
    }

    void request(String branch, String text, InetSocketAddress to, boolean invite, Consumer<SipMessage> onFinal,
            Runnable onTimeout) {
        request(branch, text, to, invite, timeoutMillis, onFinal, onTimeout);
    }

    /**
     * As above with its own timeout (a flow keepalive's is short). Without any response the request
     * fails after {@code timeout}, an INVITE too: a node that does not even send 100 is gone; an
     * INVITE with a provisional may ring up to four times as long.
     */
    void request(String branch, String text, InetSocketAddress to, boolean invite, long timeout,
            Consumer<SipMessage> onFinal, Runnable onTimeout) {
        Outgoing tx = new Outgoing(text.getBytes(StandardCharsets.UTF_8), to, invite, onFinal, onTimeout);
        outgoing.put(branch, tx);
        wire.send(to, tx.bytes);
        tx.retransmit = io.schedule(() -> retransmit(branch, FIRST_RETRANSMIT_MILLIS), FIRST_RETRANSMIT_MILLIS);
        tx.timeout = io.schedule(() -> expire(branch, timeout), timeout);
    }

    private void expire(String branch, long timeout) {
        Outgoing tx = outgoing.get(branch);
        if (tx == null) {
            return;
        }
        if (tx.invite && tx.provisional && !tx.extended) {
            // an INVITE may ring for a while after its 100; the lab's phones answer at once
            tx.extended = true;
            tx.timeout = io.schedule(() -> expire(branch, timeout), timeout * 3);
            return;
        }
        outgoing.remove(branch);
        tx.cancel();
        tx.onTimeout.run();
    }

    /** Hands a response to its transaction; false if none is waiting for it (a retransmission, a stray). */
    boolean onResponse(SipMessage m) {
        String branch = m.topVia() == null ? null : m.topVia().branch();
        Outgoing tx = branch == null ? null : outgoing.get(branch);
        if (tx == null) {
            return false;
        }
        if (m.status() < 200) {
            tx.provisional = true;
        } else {
            outgoing.remove(branch);
            tx.cancel();
            tx.onFinal.accept(m);
        }
        return true;
    }

    /** Forgets every transaction to {@code to} without calling back: the flow to that node is dead. */
    void cancelTo(InetSocketAddress to) {
        outgoing.values().removeIf(tx -> {
            if (tx.to.equals(to)) {
                tx.cancel();
                return true;
            }
            return false;
        });
    }

    /** Forgets every transaction without calling back: the phone is switched off. */
    void cancelAll() {
        outgoing.values().forEach(Outgoing::cancel);
        outgoing.clear();
    }

    private void retransmit(String branch, long interval) {
        Outgoing tx = outgoing.get(branch);
        if (tx == null || (tx.invite && tx.provisional)) {
            return;
        }
        wire.send(tx.to, tx.bytes);
        long next = Math.min(MAX_RETRANSMIT_MILLIS, interval * 2);
        tx.retransmit = io.schedule(() -> retransmit(branch, next), next);
    }

    /** A request we sent and have not seen a final response to. */
    private static final class Outgoing {
        final byte[] bytes;
        final InetSocketAddress to;
        final boolean invite;
        final Consumer<SipMessage> onFinal;
        final Runnable onTimeout;
        boolean provisional;
        boolean extended;
        ScheduledFuture<?> retransmit;
        ScheduledFuture<?> timeout;

        Outgoing(byte[] bytes, InetSocketAddress to, boolean invite, Consumer<SipMessage> onFinal, Runnable onTimeout) {
            this.bytes = bytes;
            this.to = to;
            this.invite = invite;
            this.onFinal = onFinal;
            this.onTimeout = onTimeout;
        }

        void cancel() {
            if (retransmit != null) {
                retransmit.cancel(false);
            }
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
    }
}
