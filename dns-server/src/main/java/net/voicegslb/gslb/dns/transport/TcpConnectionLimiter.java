package net.voicegslb.gslb.dns.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps concurrent TCP connections across all listeners (RFC 7766 section 6.2.2); connections over
 * the cap are closed at once, so a flood of idle connections cannot starve real clients.
 *
 * <p>Metrics: {@code dns_tcp_connections} (open now), {@code dns_tcp_rejected_total}.
 */
@ChannelHandler.Sharable
final class TcpConnectionLimiter extends ChannelInboundHandlerAdapter {

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter rejected;

    TcpConnectionLimiter(int max, MeterRegistry registry) {
        this.max = max;
        Gauge.builder("dns.tcp.connections", open, AtomicInteger::get)
                .description("Open TCP connections").register(registry);
        this.rejected = Counter.builder("dns.tcp.rejected")
                .description("TCP connections closed because the connection limit was reached")
                .register(registry);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (open.incrementAndGet() > max) {
            rejected.increment();
            ctx.close();
            return;
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        open.decrementAndGet();
        super.channelInactive(ctx);
    }
}
