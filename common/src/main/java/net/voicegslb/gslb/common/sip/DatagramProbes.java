package net.voicegslb.gslb.common.sip;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.voicegslb.gslb.common.transport.ChannelTypes;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.sip.MalformedSipResponseException;
import net.voicegslb.gslb.policy.sip.OptionsRequest;
import net.voicegslb.gslb.policy.sip.OptionsResponse;
import net.voicegslb.gslb.policy.sip.OptionsResponseParser;

/**
 * Many concurrent OPTIONS over one unconnected UDP socket, for probing many targets (every client
 * prefix's PBX) without a socket each. The socket is not connected, so the kernel filters nothing:
 * a response completes a request only if it comes from the address probed and echoes the Via branch
 * (96 random bits), the Call-ID (128 random bits, independent) and the CSeq. Anything else is
 * counted as ignored and the request keeps waiting for the real answer, so a forged response fakes
 * neither a healthy node nor a short RTT. Single transmission, no RFC 3261 retransmits: a lost
 * request is a lost probe, which is what a loss figure should say. No ICMP either: an unconnected
 * socket is not told of a closed port, so a dead port shows as no response.
 */
final class DatagramProbes implements AutoCloseable {

    private record Pending(OptionsRequest request, CompletableFuture<OptionsOutcome> result, long sentNanos,
                           ScheduledFuture<?> timeout) {
    }

    private final OptionsSettings settings;
    private final Channel channel;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ignored = new AtomicLong();

    DatagramProbes(EventLoop loop, InetSocketAddress bind, OptionsSettings settings) {
        this.settings = settings;
        this.channel = new Bootstrap().group(loop).channel(ChannelTypes.datagram(loop))
                // Room for a burst of probes and replies while the loop is busy elsewhere.
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .option(ChannelOption.SO_SNDBUF, 1 << 20)
                .handler(new Handler())
                .bind(bind).syncUninterruptibly().channel();
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    CompletableFuture<OptionsOutcome> probe(InetSocketAddress target) {
        CompletableFuture<OptionsOutcome> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            if (!channel.isOpen()) {
                result.complete(OptionsOutcome.failed(TransportError.ABANDONED, "OPTIONS client closed"));
                return;
            }
            OptionsRequest request;
            do {
                request = OptionsRequest.create(SipTransport.UDP, target, localAddress(), settings.fromUser(), 1,
                        settings.userAgent(), settings.random());
            } while (pending.containsKey(request.branch()));
            String branch = request.branch();
            ScheduledFuture<?> timeout = channel.eventLoop().schedule(() -> {
                if (pending.remove(branch) != null) {
                    result.complete(OptionsOutcome.failed(TransportError.NO_RESPONSE,
                            "no response within " + settings.timeout().toMillis() + " ms"));
                }
            }, settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
            pending.put(branch, new Pending(request, result, settings.nanoTime().getAsLong(), timeout));
            channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(request.encode()), target),
                    channel.voidPromise());
        });
        return result;
    }

    int inFlight() {
        return pending.size();
    }

    long ignored() {
        return ignored.get();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        pending.values().forEach(p -> p.result.complete(
                OptionsOutcome.failed(TransportError.ABANDONED, "OPTIONS client closed")));
        pending.clear();
    }

    private final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            long now = settings.nanoTime().getAsLong();
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
            p.result.complete(OptionsOutcome.answered(r, now - p.sentNanos));
        }
    }
}
