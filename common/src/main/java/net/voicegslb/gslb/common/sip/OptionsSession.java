package net.voicegslb.gslb.common.sip;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.voicegslb.gslb.policy.sip.MalformedSipResponseException;
import net.voicegslb.gslb.policy.sip.OptionsRequest;
import net.voicegslb.gslb.policy.sip.OptionsResponse;
import net.voicegslb.gslb.policy.sip.OptionsResponseParser;

/**
 * OPTIONS to one target, one request at a time, over a socket kept between requests (a connected
 * UDP socket, a TCP or TLS connection), as a health check that asks every few seconds wants. Every
 * method must run on the session's event loop, so the state below needs no locks. Each {@link #send}
 * calls its callback exactly once: with the final response, a transport error, or the timeout,
 * whichever comes first.
 */
public abstract class OptionsSession implements AutoCloseable {
    protected final OptionsTarget target;
    protected final EventLoop loop;
    protected final OptionsSettings settings;
    private long cseq;

    private OptionsRequest request;
    private long sentNanos;
    private ScheduledFuture<?> timer;
    private Consumer<OptionsOutcome> done;

    OptionsSession(OptionsTarget target, EventLoop loop, OptionsSettings settings) {
        this.target = target;
        this.loop = loop;
        this.settings = settings;
    }

    public final OptionsTarget target() {
        return target;
    }

    /** Sends one OPTIONS; {@code whenDone} gets exactly one outcome. Call on the session's loop. */
    public final void send(Consumer<OptionsOutcome> whenDone) {
        if (done != null) {
            finish(OptionsOutcome.failed(TransportError.ABANDONED, "previous check still running"));
        }
        done = whenDone;
        request = null;
        sentNanos = settings.nanoTime().getAsLong();
        timer = loop.schedule(this::timedOut, settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        start();
    }

    /** Closes the socket; an open request ends as {@link TransportError#ABANDONED}. Call on the loop. */
    @Override
    public abstract void close();

    /** Transport-specific: get a usable channel, then {@link #write}. */
    protected abstract void start();

    /** Called when the timeout expires with the request still open. */
    protected OptionsOutcome timeoutOutcome() {
        return OptionsOutcome.failed(TransportError.NO_RESPONSE,
                "no response within " + settings.timeout().toMillis() + " ms");
    }

    protected final boolean waiting() {
        return done != null;
    }

    /** Writes a fresh OPTIONS on a ready channel. */
    protected final void write(Channel channel) {
        if (!waiting()) {
            return;
        }
        InetSocketAddress local = (InetSocketAddress) channel.localAddress();
        request = OptionsRequest.create(target.transport(), target.address(), local, settings.fromUser(), ++cseq,
                settings.userAgent(), settings.random());
        sentNanos = settings.nanoTime().getAsLong();
        ChannelFuture f = channel.writeAndFlush(Unpooled.wrappedBuffer(request.encode()));
        f.addListener(w -> {
            if (!w.isSuccess()) {
                failed(w.cause());
            }
        });
    }

    /**
     * A message from the target (the socket is connected, so from nowhere else); ignored unless it
     * is the final response to the open request.
     */
    protected final void received(ByteBuf message) {
        if (request == null) {
            return;
        }
        OptionsResponse r;
        try {
            r = OptionsResponseParser.parse(ByteBufUtil.getBytes(message));
        } catch (MalformedSipResponseException e) {
            finish(OptionsOutcome.failed(TransportError.MALFORMED_RESPONSE, "malformed SIP response: " + e.getMessage()));
            return;
        }
        if (r.provisional() || !r.matches(request)) {
            // A 100 Trying, or a late answer to an earlier request: keep waiting for ours.
            return;
        }
        finish(OptionsOutcome.answered(r, settings.nanoTime().getAsLong() - sentNanos));
    }

    /** Hook for transports that add to every outcome (TLS: the peer's certificate). */
    protected OptionsOutcome annotate(OptionsOutcome outcome) {
        return outcome;
    }

    /** A transport error while a request is open. */
    protected final void failed(Throwable cause) {
        finish(describe(cause));
    }

    /** Hook: the outcome of a transport error. */
    protected OptionsOutcome describe(Throwable cause) {
        return TransportErrors.outcome(cause);
    }

    protected final void finish(OptionsOutcome outcome) {
        Consumer<OptionsOutcome> d = done;
        if (d == null) {
            return;
        }
        done = null;
        request = null;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        d.accept(annotate(outcome));
    }

    private void timedOut() {
        timer = null;
        if (waiting()) {
            finish(timeoutOutcome());
            afterTimeout();
        }
    }

    /** Hook for transports that should drop a connection after a timeout. */
    protected void afterTimeout() {
    }

    /** Fails an open request because the session is being closed. */
    protected final void abandon() {
        finish(OptionsOutcome.failed(TransportError.ABANDONED, "OPTIONS session closed"));
    }
}
