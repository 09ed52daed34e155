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
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import net.voicegslb.gslb.pbx.config.TcpConfig;
import net.voicegslb.gslb.pbx.config.TlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP listeners: UDP and TCP on every configured address, TLS on every {@code sip.tls} address.
 * With epoll each address gets one UDP socket per event loop (SO_REUSEPORT), so the kernel
 * spreads datagrams over the loops. TCP and TLS connections share one set of limits: their number
 * (in total and per source), how long a message may take to arrive, how long the peer may stay
 * silent, and how much unsent output they may pile up; a TLS connection must also finish its
 * handshake within {@code sip.tls.handshake_timeout}.
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
    private final List<Channel> tls = new ArrayList<>();
    private final boolean epoll;

    private SipTransport(EventLoopGroup group, boolean epoll) {
        this.group = group;
        this.epoll = epoll;
    }

    public static SipTransport start(List<InetSocketAddress> listen, int threads, int maxSize, TcpConfig tcpLimits,
            SipInbound inbound, TransportCounters counters) throws InterruptedException {
        return start(listen, threads, maxSize, tcpLimits, null, null, inbound, counters);
    }

    /**
     * @param tlsConfig TLS listeners and certificate, or null for none
     * @param aliases where open TCP/TLS connections and the RFC 5923 aliases TLS parties ask for are
     *        recorded (null: nowhere)
     */
    public static SipTransport start(List<InetSocketAddress> listen, int threads, int maxSize, TcpConfig tcpLimits,
            TlsConfig tlsConfig, ConnectionAliases aliases, SipInbound inbound, TransportCounters counters)
            throws InterruptedException {
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
                t.tcp.add(t.streamBootstrap(inbound, counters, maxSize, tcpLimits, limiter, null, 0, aliases)
                        .bind(bound).sync().channel());
                LOG.info("SIP listening on {} (UDP x{}, TCP), {}", bound, sockets, epoll ? "epoll" : "NIO");
            }
            if (tlsConfig != null) {
                SslContext context = serverContext(tlsConfig);
                for (InetSocketAddress address : tlsConfig.listen()) {
                    Channel c = t.streamBootstrap(inbound, counters, maxSize, tcpLimits, limiter, context,
                            tlsConfig.handshakeTimeout().toMillis(), aliases).bind(address).sync().channel();
                    t.tls.add(c);
                    LOG.info("SIP over TLS listening on {} ({}, client certificates {})", c.localAddress(),
                            tlsConfig.protocols(), tlsConfig.requireClientCertificate() ? "required"
                            : tlsConfig.peerCas().isEmpty() ? "not asked" : "asked, optional (TLS peers)");
                }
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

    /**
     * The server context: the configured chain and key, only the configured protocol versions
     * (so TLS 1.1 and older are refused in the handshake), and client certificates required and
     * checked against {@code client_ca_pem} when it is set (trunks). With {@code peer_ca_pem} (TLS
     * peers) clients are asked for a certificate but may connect without one (phones): one shown
     * must chain to a peer CA (or a client CA), and only one that names a peer makes its requests a
     * peer's (with a valid peer token, see proxy.PeerSources). Without either, clients are not asked.
     */
    static SslContext serverContext(TlsConfig c) {
        try {
            SslContextBuilder b = SslContextBuilder.forServer(c.key(), c.chain().toArray(new X509Certificate[0]))
                    .sslProvider(SslProvider.JDK)
                    .protocols(c.protocols());
            List<X509Certificate> anchors = new ArrayList<>(c.clientCas());
            anchors.addAll(c.peerCas());
            if (c.requireClientCertificate()) {
                b.clientAuth(ClientAuth.REQUIRE).trustManager(anchors.toArray(new X509Certificate[0]));
            } else if (!c.peerCas().isEmpty()) {
                b.clientAuth(ClientAuth.OPTIONAL).trustManager(anchors.toArray(new X509Certificate[0]));
            }
            return b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS with " + c.certFile() + ": " + e.getMessage(), e);
        }
    }

    /** TCP, or TLS when {@code tlsContext} is given: the same framing, handler and limits behind an SslHandler. */
    private ServerBootstrap streamBootstrap(SipInbound inbound, TransportCounters counters, int maxSize,
            TcpConfig limits, TcpConnectionLimiter limiter, SslContext tlsContext, long handshakeTimeoutMillis,
            ConnectionAliases aliases) {
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
                        if (tlsContext != null) {
                            SslHandler ssl = tlsContext.newHandler(ch.alloc());
                            ssl.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
                            ch.pipeline().addLast(ssl);
                        }
                        ch.pipeline()
                                .addLast(new IdleStateHandler(limits.idleTimeout().toMillis(), 0, 0,
                                        TimeUnit.MILLISECONDS))
                                .addLast(new SipStreamDecoder(maxSize, limits.messageTimeout().toMillis(), counters))
                                .addLast(new TcpSipHandler(inbound, counters,
                                        tlsContext == null ? Transport.TCP : Transport.TLS, aliases));
                    }
                });
    }

    /** The SIP addresses actually bound (port 0 becomes the kernel's choice). */
    public List<InetSocketAddress> boundAddresses() {
        return tcp.stream().map(c -> (InetSocketAddress) c.localAddress()).toList();
    }

    /** The TLS addresses actually bound; empty without sip.tls. */
    public List<InetSocketAddress> boundTlsAddresses() {
        return tls.stream().map(c -> (InetSocketAddress) c.localAddress()).toList();
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
        tls.forEach(c -> c.close().awaitUninterruptibly());
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
