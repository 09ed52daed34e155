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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.agent.codec.DnsProbeCodec;
import net.voicegslb.gslb.common.transport.EventLoops;
import net.voicegslb.gslb.agent.transport.UdpBinding;

/**
 * Times a small non-recursive query to a resolver (as commercial GSLBs probe the local DNS). One
 * socket; answers are matched by ID and source address, and IDs are random (RFC 5452 §9.2), so a
 * forged answer has to guess one of 65,536 instead of the next in line; all state is confined to the socket's
 * event loop. At most 65,536 queries in flight (the ID space); beyond that a probe completes at
 * once as unanswered rather than reuse an ID.
 */
public final class DnsProber implements AutoCloseable {

    /** rcode −1 and NaN RTT: no answer within the timeout. */
    public record Result(int rcode, double rttMillis) {
        public boolean answered() {
            return rcode >= 0;
        }
    }

    private record Pending(InetSocketAddress target, CompletableFuture<Result> result, long sentNanos,
                           ScheduledFuture<?> timeout) {
    }

    private final AgentClock clock;
    private final Channel channel;
    private final String qname;
    private final int qtype;
    private final long timeoutMillis;
    private final Map<Integer, Pending> pending = new HashMap<>(); // event-loop confined
    private final RandomGenerator random;
    private final java.util.concurrent.atomic.AtomicLong ignored = new java.util.concurrent.atomic.AtomicLong();

    public DnsProber(EventLoops loops, InetSocketAddress bind, AgentClock clock, String qname, int qtype,
                     long timeoutMillis) {
        this(loops, bind, clock, qname, qtype, timeoutMillis, new SecureRandom());
    }

    /** @param random source of query IDs; unpredictable in production */
    public DnsProber(EventLoops loops, InetSocketAddress bind, AgentClock clock, String qname, int qtype,
                     long timeoutMillis, RandomGenerator random) {
        this.random = random;
        this.clock = clock;
        this.qname = qname;
        this.qtype = qtype;
        this.timeoutMillis = timeoutMillis;
        DnsProbeCodec.query(0, qname, qtype); // validate the name now, not per probe
        this.channel = UdpBinding.bind(loops, bind, new Handler());
    }

    public CompletableFuture<Result> probe(InetSocketAddress resolver) {
        CompletableFuture<Result> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            if (pending.size() >= 65_536) {
                result.complete(new Result(-1, Double.NaN));
                return;
            }
            int key = freeId();
            ScheduledFuture<?> timeout = channel.eventLoop().schedule(() -> {
                Pending p = pending.remove(key);
                if (p != null) {
                    p.result.complete(new Result(-1, Double.NaN));
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
            pending.put(key, new Pending(resolver, result, clock.nanos(), timeout));
            channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(DnsProbeCodec.query(key, qname, qtype)),
                    resolver), channel.voidPromise());
        });
        return result;
    }

    /** DNS responses ignored: an ID not in flight, or not from the resolver asked. */
    public long ignoredAnswers() {
        return ignored.get();
    }

    /** A random ID not in flight; after a few misses (a nearly full table) the next free one after a random start. */
    private int freeId() {
        for (int i = 0; i < 16; i++) {
            int id = random.nextInt(65_536);
            if (!pending.containsKey(id)) {
                return id;
            }
        }
        int start = random.nextInt(65_536);
        for (int i = 0; i < 65_536; i++) {
            int id = (start + i) & 0xFFFF;
            if (!pending.containsKey(id)) {
                return id;
            }
        }
        throw new IllegalStateException("no free DNS ID; the caller checks the table size first");
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            long now = clock.nanos();
            ByteBuf buf = packet.content();
            byte[] head = new byte[Math.min(12, buf.readableBytes())];
            buf.getBytes(buf.readerIndex(), head);
            int id = DnsProbeCodec.responseId(head, head.length);
            if (id < 0) {
                return;
            }
            Pending p = pending.get(id);
            if (p == null || !p.target.equals(packet.sender())) {
                ignored.incrementAndGet();
                return; // not ours, or from elsewhere: a spoofed answer must not complete a probe
            }
            pending.remove(id);
            p.timeout.cancel(false);
            p.result.complete(new Result(DnsProbeCodec.rcode(head), (now - p.sentNanos) / 1e6));
        }
    }
}
