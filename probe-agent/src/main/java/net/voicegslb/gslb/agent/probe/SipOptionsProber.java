package net.voicegslb.gslb.agent.probe;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.agent.codec.SipOptionsCodec;
import net.voicegslb.gslb.agent.transport.EventLoops;
import net.voicegslb.gslb.agent.transport.UdpBinding;

/**
 * Sends SIP OPTIONS over UDP and times the first response (any class counts: a 404 or 503 still
 * proves the path and the stack; the class is reported). One socket for all targets. A response
 * completes a probe only if it comes from the address probed and echoes the Via branch, which holds
 * 64 random bits (as do Call-ID and From tag, independently): anyone off the path would have to
 * guess them, so forged responses cannot fake a healthy PBX or a short RTT. Used for
 * configured OPTIONS probe targets and, in standalone mode, to check the third-party PBX.
 * Single transmission, no RFC 3261 retransmits: a lost request is a lost probe, which is what the
 * loss figure should say.
 */
public final class SipOptionsProber implements AutoCloseable {

    private record Pending(InetSocketAddress target, CompletableFuture<SipOptionsResult> result, long sentNanos,
                           ScheduledFuture<?> timeout) {
    }

    private final AgentClock clock;
    private final Channel channel;
    private final long timeoutMillis;
    private final RandomGenerator random;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ignored = new AtomicLong();

    public SipOptionsProber(EventLoops loops, InetSocketAddress bind, AgentClock clock, long timeoutMillis) {
        this(loops, bind, clock, timeoutMillis, new SecureRandom());
    }

    /** @param random source of branches, Call-IDs and tags; unpredictable in production */
    public SipOptionsProber(EventLoops loops, InetSocketAddress bind, AgentClock clock, long timeoutMillis,
                            RandomGenerator random) {
        this.random = random;
        this.clock = clock;
        this.timeoutMillis = timeoutMillis;
        this.channel = UdpBinding.bind(loops, bind, new Handler());
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    public CompletableFuture<SipOptionsResult> probe(InetSocketAddress target, String user) {
        CompletableFuture<SipOptionsResult> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            long branch;
            do {
                branch = random.nextLong();
            } while (pending.containsKey(branch));
            long tx = branch;
            ScheduledFuture<?> timeout = channel.eventLoop().schedule(() -> {
                if (pending.remove(tx) != null) {
                    result.complete(new SipOptionsResult(0, Double.NaN));
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
            pending.put(tx, new Pending(target, result, clock.nanos(), timeout));
            String callId = String.format("%016x%016x@gslb", random.nextLong(), random.nextLong());
            String fromTag = String.format("%08x", random.nextInt());
            byte[] req = SipOptionsCodec.request(target, localAddress(), user, tx, callId, fromTag);
            channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(req), target), channel.voidPromise());
        });
        return result;
    }

    public int inFlight() {
        return pending.size();
    }

    /** Final responses ignored: not from the address probed, or a branch we are not waiting for. */
    public long ignoredResponses() {
        return ignored.get();
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
            Pending p = pending.get(r.transaction());
            if (p == null || !p.target.equals(packet.sender())) {
                ignored.incrementAndGet(); // a late duplicate, or forged: the probe waits for the real one
                return;
            }
            pending.remove(r.transaction());
            p.timeout.cancel(false);
            p.result.complete(new SipOptionsResult(r.status(), (now - p.sentNanos) / 1e6));
        }
    }
}
