package net.voicegslb.gslb.agent.probe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.agent.codec.ErrorEstimate;
import net.voicegslb.gslb.agent.codec.MalformedStampException;
import net.voicegslb.gslb.agent.codec.NtpTimestamp;
import net.voicegslb.gslb.agent.codec.StampCodec;
import net.voicegslb.gslb.agent.transport.EventLoops;
import net.voicegslb.gslb.agent.transport.UdpBinding;

/**
 * STAMP Session-Reflector (RFC 8762), unauthenticated, stateless: every well-formed test packet is
 * answered at once with the same length, so a reflector can never amplify. PBX sites run one so
 * that other sites and lab client networks can measure the path to them.
 *
 * <p>Metrics: {@code gslb.agent.stamp.reflector.packets{result=reflected|malformed}}.
 */
public final class StampReflector implements AutoCloseable {

    /** We cannot read the received IP TTL portably from Java; RFC 8762 allows 255 as "unknown" in practice. */
    static final int UNKNOWN_TTL = 255;

    private final Channel channel;

    public StampReflector(EventLoops loops, InetSocketAddress bind, AgentClock clock, MeterRegistry meters) {
        Counter reflected = Counter.builder("gslb.agent.stamp.reflector.packets").tag("result", "reflected")
                .description("STAMP test packets answered").register(meters);
        Counter malformed = Counter.builder("gslb.agent.stamp.reflector.packets").tag("result", "malformed")
                .description("Datagrams on the reflector port that were not STAMP test packets").register(meters);
        this.channel = UdpBinding.bind(loops, bind, new Handler(clock, reflected, malformed));
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    @ChannelHandler.Sharable
    private static final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final AgentClock clock;
        private final Counter reflected;
        private final Counter malformed;

        Handler(AgentClock clock, Counter reflected, Counter malformed) {
            this.clock = clock;
            this.reflected = reflected;
            this.malformed = malformed;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            long received = NtpTimestamp.fromEpochNanos(clock.epochNanos());
            ByteBuf in = packet.content();
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
