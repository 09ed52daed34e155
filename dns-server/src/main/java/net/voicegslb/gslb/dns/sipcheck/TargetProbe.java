package net.voicegslb.gslb.dns.sipcheck;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import net.voicegslb.gslb.dns.config.SipCheckTarget;
import net.voicegslb.gslb.policy.sip.MalformedSipResponseException;
import net.voicegslb.gslb.policy.sip.OptionsRequest;
import net.voicegslb.gslb.policy.sip.OptionsResponse;
import net.voicegslb.gslb.policy.sip.OptionsResponseParser;

/**
 * Checks one target, one request at a time. Every method runs on the checker's single event loop,
 * so the state below needs no locks. Each {@link #check} calls its callback exactly once: with the
 * final response, a transport error, or the timeout, whichever comes first.
 */
abstract class TargetProbe {
    /** Tells a node's operator that these OPTIONS are the GSLB's health checks. */
    static final String USER_AGENT = "voice-gslb-sipcheck";

    protected final SipCheckTarget target;
    protected final EventLoop loop;
    protected final Duration timeout;
    private final String fromUser;
    private final RandomGenerator random;
    private long cseq;

    private OptionsRequest request;
    private long sentNanos;
    private ScheduledFuture<?> timer;
    private Consumer<TargetOutcome> done;

    TargetProbe(SipCheckTarget target, EventLoop loop, Duration timeout, String fromUser, RandomGenerator random) {
        this.target = target;
        this.loop = loop;
        this.timeout = timeout;
        this.fromUser = fromUser;
        this.random = random;
    }

    /** Starts one check; {@code whenDone} gets exactly one outcome. */
    final void check(Consumer<TargetOutcome> whenDone) {
        if (done != null) {
            finish(TargetOutcome.failed(target, "previous check still running"));
        }
        done = whenDone;
        request = null;
        sentNanos = System.nanoTime();
        timer = loop.schedule(this::timedOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
        start();
    }

    /** Transport-specific: get a usable channel, then {@link #send}. */
    protected abstract void start();

    /** Called when the timeout expires with the check still open. */
    protected TargetOutcome timeoutOutcome() {
        return TargetOutcome.noResponse(target, timeout);
    }

    protected abstract void close();

    protected final boolean checking() {
        return done != null;
    }

    /** Sends a fresh OPTIONS on a ready channel. */
    protected final void send(Channel channel) {
        if (!checking()) {
            return;
        }
        InetSocketAddress local = (InetSocketAddress) channel.localAddress();
        request = OptionsRequest.create(target.transport(), target.address(), local, fromUser, ++cseq, USER_AGENT, random);
        sentNanos = System.nanoTime();
        ChannelFuture f = channel.writeAndFlush(Unpooled.wrappedBuffer(request.encode()));
        f.addListener(w -> {
            if (!w.isSuccess()) {
                failed(w.cause());
            }
        });
    }

    /** A message from the target; ignored unless it is the final response to the open request. */
    protected final void received(ByteBuf message) {
        if (request == null) {
            return;
        }
        OptionsResponse r;
        try {
            r = OptionsResponseParser.parse(ByteBufUtil.getBytes(message));
        } catch (MalformedSipResponseException e) {
            finish(TargetOutcome.failed(target, "malformed SIP response: " + e.getMessage()));
            return;
        }
        if (r.provisional() || !r.matches(request)) {
            // A 100 Trying, or a late answer to an earlier round: keep waiting for ours.
            return;
        }
        finish(annotate(TargetOutcome.of(target, r, System.nanoTime() - sentNanos)));
    }

    /** Hook for transports that add to an answered check's detail. */
    protected TargetOutcome annotate(TargetOutcome outcome) {
        return outcome;
    }

    /** A transport error while a check is open. */
    protected final void failed(Throwable cause) {
        finish(TargetOutcome.failed(target, describe(cause)));
    }

    /** Hook: the failure detail of a transport error. */
    protected String describe(Throwable cause) {
        return TransportErrors.describe(cause);
    }

    protected final void finish(TargetOutcome outcome) {
        Consumer<TargetOutcome> d = done;
        if (d == null) {
            return;
        }
        done = null;
        request = null;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        d.accept(outcome);
    }

    private void timedOut() {
        timer = null;
        if (checking()) {
            finish(timeoutOutcome());
            afterTimeout();
        }
    }

    /** Hook for transports that should drop a connection after a timeout. */
    protected void afterTimeout() {
    }

    /** Fails an open check because the probe is being closed. */
    protected final void abandon() {
        finish(TargetOutcome.failed(target, "checker reconfigured or closed"));
    }
}
