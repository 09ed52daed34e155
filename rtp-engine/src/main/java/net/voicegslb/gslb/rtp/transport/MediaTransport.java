package net.voicegslb.gslb.rtp.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media event loops and how a media socket is opened on one of them. Native epoll when it
 * loads, with recvmmsg batching: a read fetches up to {@link #BATCH} datagrams in one syscall, which
 * is where a userspace relay's packet rate is won. NIO otherwise (other OSes, missing native lib).
 */
public final class MediaTransport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaTransport.class);

    /** Largest datagram we read; RTP over Ethernet stays well under it. */
    static final int MAX_DATAGRAM = 2048;
    /** Datagrams per recvmmsg call. */
    static final int BATCH = 16;
    private static final int SOCKET_BUFFER = 512 * 1024;

    private final EventLoopGroup group;
    private final boolean nativeEpoll;
    private final InetAddress bindAddress;

    public MediaTransport(int threads, InetAddress bindAddress) {
        this.bindAddress = bindAddress;
        this.nativeEpoll = Epoll.isAvailable();
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        DefaultThreadFactory factory = new DefaultThreadFactory("rtp-io", true);
        this.group = nativeEpoll
                ? new MultiThreadIoEventLoopGroup(n, factory, EpollIoHandler.newFactory())
                : new MultiThreadIoEventLoopGroup(n, factory, NioIoHandler.newFactory());
        if (!nativeEpoll) {
            log.warn("native epoll unavailable ({}); media runs on NIO without recvmmsg",
                    Epoll.unavailabilityCause().toString());
        }
    }

    public boolean nativeEpoll() {
        return nativeEpoll;
    }

    public InetAddress bindAddress() {
        return bindAddress;
    }

    /** The loop a new call's channels all live on, so that its state needs no locks. */
    public EventLoop nextLoop() {
        return group.next();
    }

    /**
     * Binds a media socket on {@code loop} with reading off; the caller turns reading on once the
     * whole call is wired. Blocks, so never call it from an event loop.
     *
     * @return the channel, or null if the port is taken (by another instance on this host, say)
     */
    public Channel bind(EventLoop loop, int port, ChannelHandler handler) {
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(nativeEpoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                // Netty 4.2's default adaptive allocator does not pool a 32 KiB recvmmsg buffer: it
                // fell back to ByteBuffer.allocateDirect per read (seen with JFR, and as young-GC
                // pauses in the benchmark's p99). The pooled allocator's thread cache serves it.
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .handler(handler);
        if (nativeEpoll) {
            b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM * BATCH));
        } else {
            b.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM));
        }
        ChannelFuture f = b.bind(new InetSocketAddress(bindAddress, port)).awaitUninterruptibly();
        if (!f.isSuccess()) {
            log.debug("cannot bind {}:{}: {}", bindAddress.getHostAddress(), port, f.cause().toString());
            return null;
        }
        return (DatagramChannel) f.channel();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
