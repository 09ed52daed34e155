package net.voicegslb.gslb.dns.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** Native epoll where the platform has it, NIO elsewhere; one choice for the whole server. */
record EventLoops(
        EventLoopGroup group,
        int threads,
        boolean epoll,
        Class<? extends DatagramChannel> datagramChannel,
        Class<? extends ServerSocketChannel> serverChannel) {

    static EventLoops create(int threads, boolean allowNative) {
        boolean epoll = allowNative && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("dns-io", true), io);
        return epoll
                ? new EventLoops(group, threads, true, EpollDatagramChannel.class, EpollServerSocketChannel.class)
                : new EventLoops(group, threads, false, NioDatagramChannel.class, NioServerSocketChannel.class);
    }
}
