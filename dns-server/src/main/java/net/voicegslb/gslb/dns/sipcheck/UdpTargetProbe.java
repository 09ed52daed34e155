package net.voicegslb.gslb.dns.sipcheck;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.time.Duration;
import java.util.random.RandomGenerator;
import net.voicegslb.gslb.dns.config.SipCheckTarget;

/**
 * OPTIONS over UDP from a socket connected to the target. Connected, because only then does the
 * kernel hand us the ICMP port unreachable a closed port answers with, which tells a host whose SIP
 * service is gone ("port unreachable", at once) from one that is silent ("no response within ...").
 * It also makes the kernel drop datagrams from any other source, so an off-path sender cannot fake
 * a 200 or a 503 without also guessing the random branch and Call-ID.
 */
final class UdpTargetProbe extends TargetProbe {
    private Channel channel;

    UdpTargetProbe(SipCheckTarget target, EventLoop loop, Duration timeout, String fromUser, RandomGenerator random) {
        super(target, loop, timeout, fromUser, random);
    }

    @Override
    protected void start() {
        if (channel != null && channel.isActive()) {
            send(channel);
            return;
        }
        ChannelFuture f = new Bootstrap().group(loop).channel(NioDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        received(packet.content());
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        // The port-unreachable error of a connected socket arrives here, on the read
                        // after the ICMP message; the socket stays usable for the next round.
                        if (checking()) {
                            failed(cause);
                        }
                    }
                })
                .connect(target.address());
        channel = f.channel();
        f.addListener(c -> {
            if (c.isSuccess()) {
                send(f.channel());
            } else if (checking()) {
                failed(c.cause());
            }
        });
    }

    @Override
    protected void close() {
        abandon();
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
