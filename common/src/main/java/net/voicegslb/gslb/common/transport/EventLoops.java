package net.voicegslb.gslb.common.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Native epoll where the platform has it (and the caller allows it), NIO elsewhere: one choice per
 * process part, with the channel classes that fit it, since an epoll loop takes only epoll channels
 * and a NIO loop only NIO ones. Daemon threads named after their owner ({@code dns-io},
 * {@code agent-io}).
 */
public record EventLoops(EventLoopGroup group, int threads, boolean epoll,
                         Class<? extends DatagramChannel> datagramChannel,
                         Class<? extends ServerSocketChannel> serverChannel,
                         Class<? extends SocketChannel> socketChannel) implements AutoCloseable {

    public static EventLoops create(String threadName, int threads, boolean allowNative) {
        boolean epoll = allowNative && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadName, true), io);
        return epoll
                ? new EventLoops(group, threads, true, EpollDatagramChannel.class, EpollServerSocketChannel.class,
                        EpollSocketChannel.class)
                : new EventLoops(group, threads, false, NioDatagramChannel.class, NioServerSocketChannel.class,
                        NioSocketChannel.class);
    }

    /** Stops the threads, waiting up to a few seconds for them. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
