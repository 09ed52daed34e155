package net.voicegslb.gslb.common.sip;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import net.voicegslb.gslb.common.transport.ChannelTypes;

/**
 * OPTIONS over UDP from a socket connected to the target. Connected, because only then does the
 * kernel hand us the ICMP port unreachable a closed port answers with, which tells a host whose SIP
 * service is gone ("port unreachable", at once) from one that is silent ("no response within ...").
 * It also makes the kernel drop datagrams from any other source, so an off-path sender cannot fake
 * a 200 or a 503 without also guessing the random branch and Call-ID.
 */
final class UdpOptionsSession extends OptionsSession {
    private Channel channel;

    UdpOptionsSession(OptionsTarget target, EventLoop loop, OptionsSettings settings) {
        super(target, loop, settings);
    }

    @Override
    protected void start() {
        if (channel != null && channel.isActive()) {
            write(channel);
            return;
        }
        ChannelFuture f = new Bootstrap().group(loop).channel(ChannelTypes.datagram(loop))
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        received(packet.content());
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        // The port-unreachable error of a connected socket arrives here, on the read
                        // after the ICMP message; the socket stays usable for the next request.
                        if (waiting()) {
                            failed(cause);
                        }
                    }
                })
                .connect(target.address());
        channel = f.channel();
        f.addListener(c -> {
            if (c.isSuccess()) {
                write(f.channel());
            } else if (waiting()) {
                failed(c.cause());
            }
        });
    }

    @Override
    public void close() {
        abandon();
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
