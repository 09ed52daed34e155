package net.voicegslb.gslb.agent.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The agent's UDP threads: native epoll where available, NIO elsewhere. One small group serves the
 * STAMP reflector, the STAMP sender and the DNS/SIP probes; the agent is a side job of a PBX node
 * and must stay cheap, so one or two threads are plenty.
 */
public record EventLoops(EventLoopGroup group, boolean epoll, Class<? extends DatagramChannel> datagramChannel)
        implements AutoCloseable {

    public static EventLoops create(int threads, boolean allowNative) {
        boolean epoll = allowNative && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("agent-io", true), io);
        return new EventLoops(group, epoll, epoll ? EpollDatagramChannel.class : NioDatagramChannel.class);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
