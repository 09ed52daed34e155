package net.voicegslb.gslb.common.transport;

import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The channel classes that fit an event loop: epoll channels on an epoll loop, NIO channels
 * elsewhere. A client handed someone else's loop (the agent's epoll group, the DNS checker's NIO
 * thread) must open its channels of the loop's kind, or registration fails.
 */
public final class ChannelTypes {
    private ChannelTypes() {
    }

    public static boolean epoll(EventLoop loop) {
        return loop instanceof IoEventLoop io && io.isIoType(EpollIoHandler.class);
    }

    public static Class<? extends DatagramChannel> datagram(EventLoop loop) {
        return epoll(loop) ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    public static Class<? extends SocketChannel> socket(EventLoop loop) {
        return epoll(loop) ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
