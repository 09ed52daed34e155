package net.voicegslb.gslb.agent.probe;

import io.netty.buffer.ByteBufUtil;
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
import net.voicegslb.gslb.agent.transport.EventLoops;
import net.voicegslb.gslb.agent.transport.UdpBinding;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.sip.MalformedSipResponseException;
import net.voicegslb.gslb.policy.sip.OptionsRequest;
import net.voicegslb.gslb.policy.sip.OptionsResponse;
import net.voicegslb.gslb.policy.sip.OptionsResponseParser;

/**
 * Sends SIP OPTIONS over UDP and times the first response (any class counts: a 404 or 503 still
 * proves the path and the stack; the class is reported). One socket for all targets. The request and
 * the tolerant response parser are policy's, the same the DNS server's SIP checks use. A response
 * completes a probe only if it comes from the address probed and echoes the Via branch (96 random
 * bits), Call-ID (128 random bits, independent) and CSeq: anyone off the path would have to guess
 * them, so forged responses cannot fake a healthy PBX or a short RTT. Used for
 * configured OPTIONS probe targets and, in standalone mode, to check the third-party PBX.
 * Single transmission, no RFC 3261 retransmits: a lost request is a lost probe, which is what the
 * loss figure should say.
 */
public final class SipOptionsProber implements AutoCloseable {

    /** Tells a PBX's operator that these OPTIONS are the GSLB agent's probes. */
    static final String USER_AGENT = "voice-gslb-agent";
    private static final String FROM_USER = "gslb-agent";

    private record Pending(OptionsRequest request, CompletableFuture<SipOptionsResult> result, long sentNanos,
                           ScheduledFuture<?> timeout) {
    }

    private final AgentClock clock;
    private final Channel channel;
    private final long timeoutMillis;
    private final RandomGenerator random;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
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

    public CompletableFuture<SipOptionsResult> probe(InetSocketAddress target) {
        CompletableFuture<SipOptionsResult> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            OptionsRequest request;
            do {
                request = OptionsRequest.create(SipTransport.UDP, target, localAddress(), FROM_USER, 1, USER_AGENT,
                        random);
            } while (pending.containsKey(request.branch()));
            String branch = request.branch();
            ScheduledFuture<?> timeout = channel.eventLoop().schedule(() -> {
                if (pending.remove(branch) != null) {
                    result.complete(new SipOptionsResult(0, Double.NaN));
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
            pending.put(branch, new Pending(request, result, clock.nanos(), timeout));
            channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(request.encode()), target),
                    channel.voidPromise());
        });
        return result;
    }

    public int inFlight() {
        return pending.size();
    }

    /**
     * Datagrams ignored: final responses not from the address probed or not matching a request in
     * flight (branch, Call-ID, CSeq), and datagrams that are no SIP response at all.
     */
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
            OptionsResponse r;
            try {
                // The whole datagram: the receive buffer bounds it, and the parser its own limit.
                r = OptionsResponseParser.parse(ByteBufUtil.getBytes(packet.content()));
            } catch (MalformedSipResponseException e) {
                ignored.incrementAndGet(); // not a SIP response we can match, so not ours
                return;
            }
            if (r.provisional()) {
                return; // wait for the final response
            }
            Pending p = pending.get(r.branch());
            if (p == null || !p.request.target().equals(packet.sender()) || !r.matches(p.request)) {
                ignored.incrementAndGet(); // a late duplicate, or forged: the probe waits for the real one
                return;
            }
            pending.remove(r.branch());
            p.timeout.cancel(false);
            p.result.complete(new SipOptionsResult(r.statusCode(), (now - p.sentNanos) / 1e6));
        }
    }
}
