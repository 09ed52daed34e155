package net.voicegslb.gslb.common.sip;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import net.voicegslb.gslb.common.transport.ChannelTypes;

/**
 * OPTIONS over TCP on a connection kept open between requests (as a SIP peer would keep it), opened
 * again when it is missing. A connection that timed out or broke is closed rather than reused: a
 * peer that stopped reading would otherwise fail every later request for the same stale reason.
 */
class TcpOptionsSession extends OptionsSession {
    private Channel channel;
    private boolean connecting;

    TcpOptionsSession(OptionsTarget target, EventLoop loop, OptionsSettings settings) {
        super(target, loop, settings);
    }

    @Override
    protected void start() {
        if (channel != null && channel.isActive()) {
            ready(channel);
            return;
        }
        dropChannel();
        connecting = true;
        ChannelFuture f = new Bootstrap().group(loop).channel(ChannelTypes.socket(loop))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, settings.timeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        initPipeline(ch);
                    }
                })
                .connect(target.address());
        Channel ch = f.channel();
        channel = ch;
        f.addListener(c -> {
            if (channel != ch) {
                return;
            }
            connecting = false;
            if (c.isSuccess()) {
                ready(ch);
            } else {
                channel = null;
                if (waiting()) {
                    failed(c.cause());
                }
            }
        });
    }

    /** Hook: the handlers of a new connection; TLS puts its handler first. */
    protected void initPipeline(SocketChannel ch) {
        ch.pipeline().addLast(new SipStreamFramer(), new Responses());
    }

    /** Hook: a connected (or reused) channel is ready for this request. */
    protected void ready(Channel ch) {
        write(ch);
    }

    /** The current connection, or null. */
    protected final Channel channel() {
        return channel;
    }

    @Override
    protected OptionsOutcome timeoutOutcome() {
        return connecting
                ? OptionsOutcome.failed(TransportError.CONNECT_TIMEOUT,
                        "TCP connect not completed within " + settings.timeout().toMillis() + " ms")
                : super.timeoutOutcome();
    }

    @Override
    protected void afterTimeout() {
        dropChannel();
    }

    @Override
    public void close() {
        abandon();
        dropChannel();
    }

    protected final void dropChannel() {
        Channel ch = channel;
        channel = null;
        connecting = false;
        if (ch != null) {
            ch.close();
        }
    }

    private final class Responses extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf message) {
            if (ctx.channel() == channel) {
                received(message);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() == channel) {
                channel = null;
                if (waiting() && !connecting) {
                    finish(OptionsOutcome.failed(TransportError.CONNECTION_CLOSED, "connection closed by peer"));
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (ctx.channel() == channel) {
                if (waiting()) {
                    failed(cause);
                }
                dropChannel();
            } else {
                ctx.close();
            }
        }
    }
}
