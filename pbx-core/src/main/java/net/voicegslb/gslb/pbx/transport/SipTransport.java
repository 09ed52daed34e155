package net.voicegslb.gslb.pbx.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.pbx.config.TcpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP listeners: UDP and TCP on every configured address. With epoll each address gets one UDP
 * socket per event loop (SO_REUSEPORT), so the kernel spreads datagrams over the loops. TCP
 * connections are limited in number (in total and per source), in how long a message may take to
 * arrive, how long the peer may stay silent, and how much unsent output they may pile up.
 */
public final class SipTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SipTransport.class);
    private static final int SOCKET_BUFFER = 4 * 1024 * 1024;
    private static final int DATAGRAMS_PER_READ = 16;
    /** Larger SIP over UDP is refused (RFC 3261 18.1.1 wants TCP well before this). */
    private static final int MAX_UDP_MESSAGE = 8192;

    private final EventLoopGroup group;
    private final List<Channel> udp = new ArrayList<>();
    private final List<Channel> tcp = new ArrayList<>();
    private final boolean epoll;

    private SipTransport(EventLoopGroup group, boolean epoll) {
        this.group = group;
        this.epoll = epoll;
    }

    public static SipTransport start(List<InetSocketAddress> listen, int threads, int maxSize, TcpConfig tcpLimits,
            SipInbound inbound, TransportCounters counters) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        DefaultThreadFactory factory = new DefaultThreadFactory("sip-io", true);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(n, factory,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        SipTransport t = new SipTransport(group, epoll);
        TcpConnectionLimiter limiter = new TcpConnectionLimiter(tcpLimits.maxConnections(),
                tcpLimits.maxConnectionsPerSource());
        try {
            UdpSipHandler udpHandler = new UdpSipHandler(inbound, counters, maxSize);
            for (InetSocketAddress address : listen) {
                int sockets = epoll ? n : 1;
                Channel first = t.udpBootstrap(udpHandler, maxSize).bind(address).sync().channel();
                t.udp.add(first);
                InetSocketAddress bound = (InetSocketAddress) first.localAddress();
                for (int i = 1; i < sockets; i++) {
                    t.udp.add(t.udpBootstrap(udpHandler, maxSize).bind(bound).sync().channel());
                }
                t.tcp.add(t.tcpBootstrap(inbound, counters, maxSize, tcpLimits, limiter).bind(bound).sync().channel());
                LOG.info("SIP listening on {} (UDP x{}, TCP), {}", bound, sockets, epoll ? "epoll" : "NIO");
            }
        } catch (Exception e) {
            t.close();
            throw e;
        }
        return t;
    }

    private Bootstrap udpBootstrap(UdpSipHandler handler, int maxSize) {
        Bootstrap b = new Bootstrap().group(group)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .handler(handler);
        if (epoll) {
            b.option(EpollChannelOption.SO_REUSEPORT, true)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_UDP_MESSAGE)
                    .option(ChannelOption.RCVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(MAX_UDP_MESSAGE * DATAGRAMS_PER_READ));
        } else {
            b.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxSize));
        }
        return b;
    }

    private ServerBootstrap tcpBootstrap(SipInbound inbound, TransportCounters counters, int maxSize,
            TcpConfig limits, TcpConnectionLimiter limiter) {
        int highWater = limits.maxWriteBacklog();
        return new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(highWater / 2, highWater))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        InetAddress source = ch.remoteAddress().getAddress();
                        TcpConnectionLimiter.Verdict verdict = limiter.acquire(source);
                        if (verdict != TcpConnectionLimiter.Verdict.ADMITTED) {
                            counters.refused(verdict);
                            // a reset: no TIME_WAIT left behind on our side for a refused connection
                            ch.config().setOption(ChannelOption.SO_LINGER, 0);
                            ch.close();
                            return;
                        }
                        ch.closeFuture().addListener(f -> limiter.release(source));
                        ch.pipeline()
                                .addLast(new IdleStateHandler(limits.idleTimeout().toMillis(), 0, 0,
                                        TimeUnit.MILLISECONDS))
                                .addLast(new SipStreamDecoder(maxSize, limits.messageTimeout().toMillis(), counters))
                                .addLast(new TcpSipHandler(inbound, counters));
                    }
                });
    }

    /** The SIP addresses actually bound (port 0 becomes the kernel's choice). */
    public List<InetSocketAddress> boundAddresses() {
        return tcp.stream().map(c -> (InetSocketAddress) c.localAddress()).toList();
    }

    /** A UDP socket to send new requests from (keepalive OPTIONS, forwarded requests). */
    public Channel anyUdpChannel() {
        return udp.get(ThreadLocalRandom.current().nextInt(udp.size()));
    }

    public EventLoopGroup group() {
        return group;
    }

    public boolean epoll() {
        return epoll;
    }

    @Override
    public void close() {
        udp.forEach(c -> c.close().awaitUninterruptibly());
        tcp.forEach(c -> c.close().awaitUninterruptibly());
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
