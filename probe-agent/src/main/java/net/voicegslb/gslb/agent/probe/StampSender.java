package net.voicegslb.gslb.agent.probe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.agent.codec.ErrorEstimate;
import net.voicegslb.gslb.agent.codec.MalformedStampException;
import net.voicegslb.gslb.agent.codec.NtpTimestamp;
import net.voicegslb.gslb.agent.codec.StampCodec;
import net.voicegslb.gslb.agent.codec.StampReflectorPacket;
import net.voicegslb.gslb.agent.codec.StampSenderPacket;
import net.voicegslb.gslb.common.transport.EventLoops;
import net.voicegslb.gslb.agent.transport.UdpBinding;

/**
 * STAMP Session-Sender (RFC 8762), unauthenticated: one UDP socket for every target, one
 * {@link StampSession} per target. It sends when told to ({@link #send}); pacing and rate limits
 * are the caller's (the probe scheduler), so that one place bounds the agent's packet rate.
 *
 * <p>Metrics: {@code gslb.agent.stamp.sender.packets{result=sent|answered|unexpected|malformed}}.
 */
public final class StampSender implements AutoCloseable {

    private final AgentClock clock;
    private final long lossTimeoutNanos;
    private final Channel channel;
    private final Map<InetSocketAddress, StampSession> sessions = new ConcurrentHashMap<>();
    private final Counter sent;
    private final Counter answered;
    private final Counter unexpected;
    private final Counter malformed;

    public StampSender(EventLoops loops, InetSocketAddress bind, AgentClock clock, long lossTimeoutMillis,
                       MeterRegistry meters) {
        this.clock = clock;
        this.lossTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(lossTimeoutMillis);
        this.sent = counter(meters, "sent", "STAMP test packets sent");
        this.answered = counter(meters, "answered", "STAMP answers matched to a packet we sent");
        this.unexpected = counter(meters, "unexpected", "answers from unknown targets or not matching a send");
        this.malformed = counter(meters, "malformed", "datagrams on the sender port that were not STAMP answers");
        this.channel = UdpBinding.bind(loops, bind, new Handler());
    }

    private static Counter counter(MeterRegistry meters, String result, String description) {
        return Counter.builder("gslb.agent.stamp.sender.packets").tag("result", result)
                .description(description).register(meters);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Sends one test packet to {@code target}, creating its session on first use. */
    public void send(InetSocketAddress target) {
        StampSession session = sessions.computeIfAbsent(target, t -> new StampSession(lossTimeoutNanos));
        channel.eventLoop().execute(() -> {
            long ntp = NtpTimestamp.fromEpochNanos(clock.epochNanos());
            long seq = session.onSend(clock.nanos(), ntp);
            ByteBuf buf = channel.alloc().ioBuffer(StampSenderPacket.LENGTH);
            StampCodec.writeSender(new StampSenderPacket(seq & 0xFFFF_FFFFL, ntp, ErrorEstimate.AGENT_DEFAULT), buf);
            channel.writeAndFlush(new DatagramPacket(buf, target), channel.voidPromise());
            sent.increment();
        });
    }

    /** The window of {@code target} since the previous call; null for a target never probed. */
    public PathWindow takeWindow(InetSocketAddress target) {
        StampSession s = sessions.get(target);
        return s == null ? null : s.takeWindow(clock.nanos());
    }

    /** Forgets a target (it left the probe list). */
    public void forget(InetSocketAddress target) {
        sessions.remove(target);
    }

    public int sessionCount() {
        return sessions.size();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            long now = clock.nanos();
            long t4 = NtpTimestamp.fromEpochNanos(clock.epochNanos());
            StampReflectorPacket p;
            try {
                p = StampCodec.readReflector(packet.content());
            } catch (MalformedStampException e) {
                malformed.increment();
                return;
            }
            StampSession session = sessions.get(packet.sender());
            if (session == null || !session.onAnswer(p.senderSequence(), p.senderTimestamp(), now,
                    p.roundTripNanos(t4))) {
                unexpected.increment();
                return;
            }
            answered.increment();
        }
    }
}
