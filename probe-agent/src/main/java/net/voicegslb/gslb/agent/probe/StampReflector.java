package net.voicegslb.gslb.agent.probe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.agent.codec.ErrorEstimate;
import net.voicegslb.gslb.agent.codec.MalformedStampException;
import net.voicegslb.gslb.agent.codec.NtpTimestamp;
import net.voicegslb.gslb.agent.codec.StampCodec;
import net.voicegslb.gslb.common.transport.EventLoops;
import net.voicegslb.gslb.agent.transport.UdpBinding;

/**
 * STAMP Session-Reflector (RFC 8762), unauthenticated, stateless: every well-formed test packet is
 * answered at once with the same length, so a reflector can never amplify. PBX sites run one so
 * that other sites and lab client networks can measure the path to them. A {@link ReflectorGuard}
 * sees every datagram first, so that a forged source address can neither start a loop with another
 * reflector nor turn us into a flood aimed at someone else.
 *
 * <p>Metrics: {@code gslb.agent.stamp.reflector.packets{result=reflected|malformed}},
 * {@code gslb.agent.stamp.reflector.dropped{reason=reflector_port|privileged_port|reflected|source_rate|source_table_full|global_rate}}.
 */
public final class StampReflector implements AutoCloseable {

    /** We cannot read the received IP TTL portably from Java; RFC 8762 allows 255 as "unknown" in practice. */
    static final int UNKNOWN_TTL = 255;

    private final Channel channel;

    /**
     * @param bind   where to listen; port 0 picks a free one (tests), and the guard then treats the
     *               chosen port as this reflector's own
     * @param limits per-source and global answer rates, tracked sources
     */
    public StampReflector(EventLoops loops, InetSocketAddress bind, ReflectorLimits limits, AgentClock clock,
                          MeterRegistry meters) {
        Counter reflected = Counter.builder("gslb.agent.stamp.reflector.packets").tag("result", "reflected")
                .description("STAMP test packets answered").register(meters);
        Counter malformed = Counter.builder("gslb.agent.stamp.reflector.packets").tag("result", "malformed")
                .description("Datagrams on the reflector port that were not STAMP test packets").register(meters);
        Map<ReflectorGuard.Verdict, Counter> dropped = new EnumMap<>(ReflectorGuard.Verdict.class);
        for (ReflectorGuard.Verdict v : ReflectorGuard.Verdict.values()) {
            if (v != ReflectorGuard.Verdict.REFLECT) {
                dropped.put(v, Counter.builder("gslb.agent.stamp.reflector.dropped").tag("reason", v.tag())
                        .description("Datagrams on the reflector port not answered, by reason").register(meters));
            }
        }
        this.channel = UdpBinding.bind(loops, bind, new Handler(limits, clock, reflected, malformed, dropped));
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private static final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final AgentClock clock;
        private final Counter reflected;
        private final Counter malformed;
        private final Map<ReflectorGuard.Verdict, Counter> dropped;
        private final ReflectorLimits limits;
        /** Made once the port is bound (bind may ask for port 0); confined to the channel's loop. */
        private ReflectorGuard guard;

        Handler(ReflectorLimits limits, AgentClock clock, Counter reflected, Counter malformed,
                Map<ReflectorGuard.Verdict, Counter> dropped) {
            this.limits = limits;
            this.clock = clock;
            this.reflected = reflected;
            this.malformed = malformed;
            this.dropped = dropped;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            // Netty fires this after bind and before it starts reading, so every datagram meets a guard.
            int ownPort = ((InetSocketAddress) ctx.channel().localAddress()).getPort();
            guard = new ReflectorGuard(limits, ownPort, clock.nanos());
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            long received = NtpTimestamp.fromEpochNanos(clock.epochNanos());
            ByteBuf in = packet.content();
            InetSocketAddress from = packet.sender();
            ReflectorGuard.Verdict verdict = guard.admit(from.getAddress(), from.getPort(),
                    StampCodec.looksReflected(in), clock.nanos());
            if (verdict != ReflectorGuard.Verdict.REFLECT) {
                dropped.get(verdict).increment();
                return;
            }
            ByteBuf out = ctx.alloc().ioBuffer(Math.max(in.readableBytes(), 44));
            try {
                StampCodec.reflect(in, received, NtpTimestamp.fromEpochNanos(clock.epochNanos()),
                        ErrorEstimate.AGENT_DEFAULT, UNKNOWN_TTL, out);
            } catch (MalformedStampException e) {
                out.release();
                malformed.increment();
                return;
            }
            reflected.increment();
            ctx.write(new DatagramPacket(out, packet.sender()));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush(); // one flush per read burst, not per packet
        }
    }
}
