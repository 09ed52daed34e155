package net.voicegslb.gslb.pbx.transaction;

import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.transport.SipConnection;

/**
 * A request the node sent (a forwarded INVITE/BYE, a keepalive OPTIONS): retransmitted over UDP
 * with Timer A/E (T1 doubling; capped at T2 for non-INVITE, and stopped by a provisional response)
 * until a final response or the timeout (Timer B/F).
 */
public final class ClientTransaction {

    private final String branch;
    private final byte[] request;
    private final SipConnection to;
    private final boolean invite;
    private final ClientListener listener;
    private final TransactionTimers timers;
    private final long sentNanos = System.nanoTime();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile boolean provisional;
    private ScheduledFuture<?> retransmit;
    private ScheduledFuture<?> timeout;

    ClientTransaction(String branch, byte[] request, SipConnection to, boolean invite, ClientListener listener,
            TransactionTimers timers) {
        this.branch = branch;
        this.request = request;
        this.to = to;
        this.invite = invite;
        this.listener = listener;
        this.timers = timers;
    }

    public String branch() {
        return branch;
    }

    public SipConnection to() {
        return to;
    }

    public long sentNanos() {
        return sentNanos;
    }

    public byte[] request() {
        return request;
    }

    void start(long timeoutMillis, Runnable remove) {
        to.send(Unpooled.wrappedBuffer(request));
        if (!to.transport().reliable()) {
            schedule(timers.t1Millis());
        }
        timeout = to.channel().eventLoop().schedule(() -> {
            if (finished.compareAndSet(false, true)) {
                cancelRetransmit();
                remove.run();
                listener.onTimeout(this);
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** @return true when this response ended the transaction */
    boolean response(SipMessage response, SipConnection from, Runnable remove) {
        if (response.status() < 200) {
            provisional = true;
            cancelRetransmit();
            if (!finished.get()) {
                listener.onResponse(this, response, from);
            }
            return false;
        }
        if (finished.compareAndSet(false, true)) {
            cancelRetransmit();
            if (timeout != null) {
                timeout.cancel(false);
            }
            remove.run();
            listener.onResponse(this, response, from);
            return true;
        }
        return false;
    }

    private void schedule(long delay) {
        retransmit = to.channel().eventLoop().schedule(() -> {
            if (!finished.get() && !(invite && provisional)) {
                to.send(Unpooled.wrappedBuffer(request));
                schedule(invite ? delay * 2 : Math.min(delay * 2, timers.t2Millis()));
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void cancelRetransmit() {
        ScheduledFuture<?> r = retransmit;
        if (r != null) {
            r.cancel(false);
        }
    }
}
