package net.voicegslb.gslb.dns.transport;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.common.transport.EventLoops;
import net.voicegslb.gslb.dns.answer.DnsResponder;
import net.voicegslb.gslb.dns.codec.DnsWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UDP and TCP listeners on every configured address. With epoll each address gets one UDP socket
 * per event loop (SO_REUSEPORT), so the kernel spreads queries over the loops and no loop hands
 * work to another.
 */
public final class DnsTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DnsTransport.class);
    /** Largest query we read over UDP; RFC 6891 allows 65535 but no real query comes near 4096. */
    private static final int MAX_UDP_QUERY = 4096;
    private static final int DATAGRAMS_PER_READ = 32;
    private static final int SOCKET_BUFFER = 4 * 1024 * 1024;
    /**
     * Netty 4.2 defaults to its adaptive allocator; for our many small, short-lived buffers (one
     * query, one response) the pooled one with per-thread caches costs less: under dnsperf on this
     * machine 0.76 instead of 0.90 µs of user CPU per query, about 10 % more queries per second.
     */
    private static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

    private final EventLoops loops;
    private final List<Channel> channels;

    private DnsTransport(EventLoops loops, List<Channel> channels) {
        this.loops = loops;
        this.channels = channels;
    }

    public static DnsTransport start(TransportSettings settings, DnsResponder responder, MeterRegistry registry)
            throws InterruptedException {
        EventLoops loops = EventLoops.create("dns-io", settings.threads(), settings.allowNative());
        List<Channel> channels = new ArrayList<>();
        try {
            TcpConnectionLimiter limiter = new TcpConnectionLimiter(settings.tcpMaxConnections(), registry);
            for (InetSocketAddress address : settings.listen()) {
                int sockets = loops.epoll() ? loops.threads() : 1;
                for (int i = 0; i < sockets; i++) {
                    channels.add(udp(loops, responder).bind(address).sync().channel());
                }
                channels.add(tcp(loops, responder, settings, limiter).bind(address).sync().channel());
                LOG.info("DNS listening on {} (UDP x{}, TCP), {} transport", address, sockets,
                        loops.epoll() ? "epoll" : "NIO");
            }
        } catch (Exception e) {
            channels.forEach(Channel::close);
            loops.group().shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        return new DnsTransport(loops, channels);
    }

    private static Bootstrap udp(EventLoops loops, DnsResponder responder) {
        Bootstrap b = new Bootstrap()
                .group(loops.group())
                .channel(loops.datagramChannel())
                .option(ChannelOption.ALLOCATOR, ALLOCATOR)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new UdpQueryHandler(responder));
                    }
                });
        if (loops.epoll()) {
            b.option(EpollChannelOption.SO_REUSEPORT, true)
                    // Batched receive (recvmmsg): several datagrams per system call under load.
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_UDP_QUERY)
                    .option(ChannelOption.RCVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(MAX_UDP_QUERY * DATAGRAMS_PER_READ));
        } else {
            b.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_UDP_QUERY));
        }
        return b;
    }

    private static ServerBootstrap tcp(EventLoops loops, DnsResponder responder, TransportSettings settings,
            TcpConnectionLimiter limiter) {
        long idleMillis = settings.tcpIdleTimeout().toMillis();
        return new ServerBootstrap()
                .group(loops.group())
                .channel(loops.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.ALLOCATOR, ALLOCATOR)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // Backpressure for clients that do not read (see TcpQueryHandler).
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(limiter)
                                .addLast(new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS))
                                .addLast(new LengthFieldBasedFrameDecoder(DnsWire.MAX_TCP_MESSAGE, 0, 2, 0, 2))
                                .addLast(new LengthFieldPrepender(2))
                                .addLast(new TcpQueryHandler(responder));
                    }
                });
    }

    /** The addresses actually bound (port 0 in the configuration becomes the kernel's choice). */
    public List<InetSocketAddress> boundAddresses() {
        return channels.stream().map(c -> (InetSocketAddress) c.localAddress()).distinct().toList();
    }

    @Override
    public void close() {
        channels.forEach(c -> c.close().awaitUninterruptibly());
        loops.group().shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
