package net.voicegslb.gslb.agent.probe;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.agent.codec.SipOptionsCodec;
import net.voicegslb.gslb.agent.transport.EventLoops;
import net.voicegslb.gslb.agent.transport.UdpBinding;

/**
 * Sends SIP OPTIONS over UDP and times the first response (any class counts: a 404 or 503 still
 * proves the path and the stack; the class is reported). One socket for all targets; responses
 * are matched by the Via branch, so a response from elsewhere cannot complete a probe. Used for
 * configured OPTIONS probe targets and, in standalone mode, to check the third-party PBX.
 * Single transmission, no RFC 3261 retransmits: a lost request is a lost probe, which is what the
 * loss figure should say.
 */
public final class SipOptionsProber implements AutoCloseable {

    private record Pending(CompletableFuture<SipOptionsResult> result, long sentNanos, ScheduledFuture<?> timeout) {
    }

    private final AgentClock clock;
    private final Channel channel;
    private final long timeoutMillis;
    private final AtomicLong transactions = new AtomicLong(System.nanoTime() & 0xFFFF_FFFFL);
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

    public SipOptionsProber(EventLoops loops, InetSocketAddress bind, AgentClock clock, long timeoutMillis) {
        this.clock = clock;
        this.timeoutMillis = timeoutMillis;
        this.channel = UdpBinding.bind(loops, bind, new Handler());
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    public CompletableFuture<SipOptionsResult> probe(InetSocketAddress target, String user) {
        long tx = transactions.incrementAndGet();
        CompletableFuture<SipOptionsResult> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            ScheduledFuture<?> timeout = channel.eventLoop().schedule(() -> {
                if (pending.remove(tx) != null) {
                    result.complete(new SipOptionsResult(0, Double.NaN));
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
            pending.put(tx, new Pending(result, clock.nanos(), timeout));
            byte[] req = SipOptionsCodec.request(target, localAddress(), user, tx);
            channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(req), target), channel.voidPromise());
        });
        return result;
    }

    public int inFlight() {
        return pending.size();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        pending.values().forEach(p -> p.result.complete(new SipOptionsResult(0, Double.NaN)));
        pending.clear();
    }

    private final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            long now = clock.nanos();
            ByteBuf buf = packet.content();
            int n = Math.min(buf.readableBytes(), 2048); // the Via is near the top; never read more
            byte[] data = new byte[n];
            buf.getBytes(buf.readerIndex(), data);
            SipOptionsCodec.Response r = SipOptionsCodec.Response.parse(data, n);
            if (r == null || r.status() < 200) {
                return; // not ours, or provisional: wait for the final response
            }
            Pending p = pending.remove(r.transaction());
            if (p != null) {
                p.timeout.cancel(false);
                p.result.complete(new SipOptionsResult(r.status(), (now - p.sentNanos) / 1e6));
            }
        }
    }
}
