package net.voicegslb.gslb.pbx.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import net.voicegslb.gslb.pbx.config.TcpConfig;
import net.voicegslb.gslb.pbx.config.TlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one TLS connection to one peer. Opened at start and again after each failure (1 s, doubling
 * to 30 s while it keeps failing, so a dead site costs a connection attempt now and then, not a
 * storm); requests wait for it at most the connect plus handshake timeouts; a bounded number of
 * them may wait at once. The peer's certificate must chain to {@code peer_ca_pem} and name
 * {@code tls_server_name} (the JDK's HTTPS host-name rules), and ours is shown as client certificate.
 */
final class PeerLink {

    private static final Logger LOG = LoggerFactory.getLogger(PeerLink.class);
    private static final long FIRST_BACKOFF_MILLIS = 1000;
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    /** Requests waiting for the connection at once; beyond, they fail at once (a dead peer must not pile them up). */
    private static final int MAX_WAITERS = 1000;
    /** RFC 5626 4.4.1: a pong must come within 10 s of the ping. */
    private static final long PONG_GRACE_MILLIS = 10_000;

    private record Waiter(Consumer<SipConnection> ready, Runnable failed) {}

    private final PeerLinks.Peer peer;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final InetAddress local;
    private final PeerLinkMeters meters;
    private final List<Waiter> waiters = new ArrayList<>();
    private Channel channel;
    private SipConnection connection;
    private boolean connecting;
    private boolean closed;
    private long backoffMillis = FIRST_BACKOFF_MILLIS;

    PeerLink(PeerLinks.Peer peer, EventLoop loop, boolean epoll, InetAddress local, SslContext context, TlsConfig tls,
            TcpConfig limits, int maxSize, SipInbound inbound, TransportCounters counters, PeerLinkMeters meters) {
        this.peer = peer;
        this.loop = loop;
        this.local = local;
        this.meters = meters;
        int highWater = limits.maxWriteBacklog();
        long keepalive = tls.peerKeepalive().toMillis();
        this.bootstrap = new Bootstrap().group(loop)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) tls.peerConnectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(highWater / 2, highWater))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = context.newHandler(ch.alloc(), peer.serverName(), peer.address().getPort());
                        ssl.setHandshakeTimeoutMillis(tls.handshakeTimeout().toMillis());
                        verifyName(ssl.engine(), peer.serverName());
                        ch.pipeline().addLast(ssl)
                                .addLast(new IdleStateHandler(keepalive + PONG_GRACE_MILLIS, keepalive, 0,
                                        TimeUnit.MILLISECONDS))
                                .addLast(new SipStreamDecoder(maxSize, limits.messageTimeout().toMillis(), counters))
                                .addLast(new PeerLinkHandler(meters))
                                .addLast(new TcpSipHandler(inbound, counters, Transport.TLS, null));
                    }
                });
    }

    /** Host-name verification against the configured name, and SNI when it is a DNS name. */
    private static void verifyName(SSLEngine engine, String serverName) {
        SSLParameters p = engine.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        if (!serverName.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            p.setServerNames(List.of(new SNIHostName(serverName)));
        }
        engine.setSSLParameters(p);
    }

    void open() {
        synchronized (this) {
            if (closed || connecting || (connection != null && connection.usable())) {
                return;
            }
            connecting = true;
        }
        ChannelFuture f = local == null ? bootstrap.connect(peer.address())
                : bootstrap.connect(peer.address(), new InetSocketAddress(local, 0));
        Channel ch = f.channel();
        ch.closeFuture().addListener(x -> closed(ch));
        f.addListener(done -> {
            if (!done.isSuccess()) {
                attemptFailed(ch, done.cause());
                return;
            }
            ch.pipeline().get(SslHandler.class).handshakeFuture().addListener(hs -> {
                if (hs.isSuccess()) {
                    up(ch);
                } else {
                    attemptFailed(ch, hs.cause());
                }
            });
        });
    }

    void whenReady(Consumer<SipConnection> ready, Runnable failed) {
        SipConnection c;
        boolean refuse = false;
        synchronized (this) {
            c = connection != null && connection.usable() ? connection : null;
            if (c == null) {
                if (closed || waiters.size() >= MAX_WAITERS) {
                    refuse = true;
                } else {
                    waiters.add(new Waiter(ready, failed));
                }
            }
        }
        if (c != null) {
            ready.accept(c);
        } else if (refuse) {
            meters.unreachable(1);
            failed.run();
        } else {
            open();
        }
    }

    private void up(Channel ch) {
        if (!ch.isActive()) {
            attemptFailed(ch, null);
            return;
        }
        List<Waiter> waiting;
        SipConnection c = new SipConnection(Transport.TLS, ch, peer.address());
        synchronized (this) {
            channel = ch;
            connection = c;
            connecting = false;
            backoffMillis = FIRST_BACKOFF_MILLIS;
            waiting = List.copyOf(waiters);
            waiters.clear();
        }
        meters.connected();
        LOG.info("TLS connection to peer {} at {} ({}) is up", peer.site(), peer.address(), peer.serverName());
        waiting.forEach(w -> w.ready().accept(c));
    }

    private void attemptFailed(Channel ch, Throwable cause) {
        meters.failed();
        LOG.warn("cannot reach peer {} at {} over TLS: {}", peer.site(), peer.address(),
                cause == null ? "closed" : cause.getMessage());
        ch.close();
        List<Waiter> waiting;
        synchronized (this) {
            connecting = false;
            waiting = List.copyOf(waiters);
            waiters.clear();
        }
        meters.unreachable(waiting.size());
        waiting.forEach(w -> w.failed().run());
        retryLater();
    }

    /** The connection went (the peer closed it, a keepalive went unanswered, an error): open it again later. */
    private void closed(Channel ch) {
        synchronized (this) {
            if (channel != ch) {
                return; // an attempt that failed: attemptFailed scheduled the retry
            }
            channel = null;
            connection = null;
        }
        meters.down();
        LOG.warn("TLS connection to peer {} at {} closed; reconnecting", peer.site(), peer.address());
        retryLater();
    }

    private void retryLater() {
        long delay;
        synchronized (this) {
            if (closed) {
                return;
            }
            delay = backoffMillis;
            backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
        }
        if (!loop.isShuttingDown()) {
            loop.schedule(this::open, delay, TimeUnit.MILLISECONDS);
        }
    }

    void close() {
        Channel ch;
        List<Waiter> waiting;
        synchronized (this) {
            closed = true;
            ch = channel;
            waiting = List.copyOf(waiters);
            waiters.clear();
        }
        waiting.forEach(w -> w.failed().run());
        if (ch != null) {
            ch.close();
        }
    }
}
