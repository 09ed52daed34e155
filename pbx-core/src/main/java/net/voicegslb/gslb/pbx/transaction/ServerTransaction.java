package net.voicegslb.gslb.pbx.transaction;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.pbx.codec.SipMethod;
import net.voicegslb.gslb.pbx.transport.SipConnection;

/**
 * A server transaction (RFC 3261 17.2): remembers the last response so that a retransmitted
 * request is answered from here instead of being processed again. For an INVITE answered with a
 * final non-2xx response over UDP it retransmits that response (Timer G) until the ACK comes or
 * Timer H (64*T1) fires, whichever is first (17.2.1). The source address of a UDP request is not
 * proven, so without Timer H a forged INVITE would make us send to its "source" for ever.
 */
public final class ServerTransaction {

    private final String key;
    private final SipMethod method;
    private final SipConnection connection;
    private final TransactionTimers timers;
    private final ServerTransactions owner;
    private final long createdAt;
    private volatile byte[] lastResponse;
    private volatile int lastStatus;
    private volatile boolean acked;
    private volatile boolean ended;
    /** When the table may drop this transaction (clock millis); moved on by a final response. */
    private volatile long expiresAt;
    private ScheduledFuture<?> timerG;

    ServerTransaction(String key, SipMethod method, SipConnection connection, TransactionTimers timers,
            ServerTransactions owner, long createdAt) {
        this.key = key;
        this.method = method;
        this.connection = connection;
        this.timers = timers;
        this.owner = owner;
        this.createdAt = createdAt;
    }

    public String key() {
        return key;
    }

    public SipMethod method() {
        return method;
    }

    public SipConnection connection() {
        return connection;
    }

    public int lastStatus() {
        return lastStatus;
    }

    /** Sends {@code response} (released) and keeps a copy for retransmissions over UDP. */
    public void send(ByteBuf response, int status) {
        boolean unreliable = !connection.transport().reliable();
        if (unreliable && !ended) {
            byte[] copy = new byte[response.readableBytes()];
            response.getBytes(response.readerIndex(), copy);
            lastResponse = copy;
        }
        int previous = lastStatus;
        lastStatus = status;
        connection.sendInReadBurst(response);
        if (method == SipMethod.INVITE && status >= 300 && previous < 200 && unreliable && !ended) {
            // Completed state: Timer H runs from now, so the table keeps us (and the ACK matches) until then
            owner.completed(this);
            if (!(previous == 0 && (status == 401 || status == 407))) {
                startTimerG();
            }
            // A challenge sent before any provisional response gets no Timer G: the caller, having
            // heard nothing, still retransmits its INVITE (Timer A) and each copy is answered from
            // lastResponse, so Timer G would add no reliability, only amplification towards whoever
            // the source address names (a forged INVITE drew 11 407s; now one per INVITE received).
        }
    }

    /** A retransmitted request arrived: repeat the last response, if there is one yet. */
    void retransmitted() {
        byte[] r = lastResponse;
        if (r != null) {
            connection.send(Unpooled.wrappedBuffer(r));
        }
    }

    /** The ACK of our non-2xx final: Timer G stops, and after T4 (Timer I) the transaction ends. */
    void ack() {
        if (acked) {
            return;
        }
        acked = true;
        cancelTimerG();
        connection.channel().eventLoop().schedule(() -> owner.remove(this), timers.t4Millis(), TimeUnit.MILLISECONDS);
    }

    public boolean acked() {
        return acked;
    }

    /** Removed from the table: no more retransmissions, and the response copy is freed. */
    void end() {
        ended = true;
        cancelTimerG();
        lastResponse = null;
    }

    long createdAt() {
        return createdAt;
    }

    long expiresAt() {
        return expiresAt;
    }

    void expiresAt(long at) {
        expiresAt = at;
    }

    private void startTimerG() {
        connection.channel().eventLoop().execute(() -> scheduleTimerG(timers.t1Millis(), 0));
    }

    /**
     * Runs on the connection's event loop. {@code elapsed} sums the intervals scheduled so far, so
     * Timer H is measured on the same schedule as Timer G: a late-running loop cannot add a
     * retransmission (T1 = 500 ms gives the RFC's 10, at 0.5, 1.5, 3.5, 7.5, ... 31.5 s).
     */
    private void scheduleTimerG(long delay, long elapsed) {
        if (acked || ended || elapsed + delay >= timers.timerHMillis()) {
            return;
        }
        timerG = connection.channel().eventLoop().schedule(() -> {
            byte[] r = lastResponse;
            if (acked || ended || r == null) {
                return;
            }
            connection.send(Unpooled.wrappedBuffer(r));
            scheduleTimerG(Math.min(delay * 2, timers.t2Millis()), elapsed + delay);
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void cancelTimerG() {
        ScheduledFuture<?> g = timerG;
        if (g != null) {
            g.cancel(false);
        }
    }
}
