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
 * final non-2xx response over UDP it retransmits that response (Timer G) until the ACK comes.
 */
public final class ServerTransaction {

    private final String key;
    private final SipMethod method;
    private final SipConnection connection;
    private volatile byte[] lastResponse;
    private volatile int lastStatus;
    private volatile boolean acked;
    private ScheduledFuture<?> timerG;

    ServerTransaction(String key, SipMethod method, SipConnection connection) {
        this.key = key;
        this.method = method;
        this.connection = connection;
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
        if (!connection.transport().reliable()) {
            byte[] copy = new byte[response.readableBytes()];
            response.getBytes(response.readerIndex(), copy);
            lastResponse = copy;
        }
        lastStatus = status;
        connection.sendInReadBurst(response);
        if (method == SipMethod.INVITE && status >= 300 && !connection.transport().reliable()) {
            scheduleTimerG(TransactionTimers.T1_MILLIS);
        }
    }

    /** A retransmitted request arrived: repeat the last response, if there is one yet. */
    void retransmitted() {
        byte[] r = lastResponse;
        if (r != null) {
            connection.send(Unpooled.wrappedBuffer(r));
        }
    }

    void ack() {
        acked = true;
        ScheduledFuture<?> g = timerG;
        if (g != null) {
            g.cancel(false);
        }
    }

    public boolean acked() {
        return acked;
    }

    private void scheduleTimerG(long delay) {
        if (delay > TransactionTimers.TIMER_H_MILLIS / 2) {
            return;
        }
        timerG = connection.channel().eventLoop().schedule(() -> {
            if (!acked && lastResponse != null) {
                connection.send(Unpooled.wrappedBuffer(lastResponse));
                scheduleTimerG(Math.min(delay * 2, TransactionTimers.T2_MILLIS));
            }
        }, delay, TimeUnit.MILLISECONDS);
    }
}
