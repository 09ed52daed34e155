package net.voicegslb.gslb.dns.telemetry;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * First in every telemetry connection's pipeline, before TLS: asks the {@link ConnectionGate}
 * whether the connection may start at all, closes it (counted) when not, and closes it when it
 * has not authenticated within the handshake timeout. {@link #authenticated} ends both duties:
 * the slot is given back and the timer cancelled, so an agent's stream is never closed by this
 * handler once it is up.
 */
final class AdmissionHandler extends ChannelInboundHandlerAdapter {

    private final ConnectionGate gate;
    private final long timeoutMillis;
    private final Consumer<ConnectionGate.Refusal> refused;
    private InetAddress source;
    private ScheduledFuture<?> timer;
    private boolean holding;

    AdmissionHandler(ConnectionGate gate, long timeoutMillis, Consumer<ConnectionGate.Refusal> refused) {
        this.gate = gate;
        this.timeoutMillis = timeoutMillis;
        this.refused = refused;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        source = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        ConnectionGate.Refusal refusal = gate.admit(source, System.nanoTime());
        if (refusal != null) {
            refused.accept(refusal);
            ctx.close(); // before TLS: the refusal costs no handshake
            return;
        }
        holding = true;
        timer = ctx.executor().schedule(() -> {
            if (holding) {
                refused.accept(ConnectionGate.Refusal.HANDSHAKE_TIMEOUT);
                ctx.close();
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    /** The connection authenticated: it leaves the gate's count and its timer stops. Same thread as the gate. */
    void authenticated(ChannelHandlerContext ctx) {
        giveBack();
        ctx.pipeline().remove(this);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        giveBack();
        super.channelInactive(ctx);
    }

    private void giveBack() {
        if (timer != null) {
            timer.cancel(false);
        }
        if (holding) {
            holding = false;
            gate.release(source);
        }
    }
}
