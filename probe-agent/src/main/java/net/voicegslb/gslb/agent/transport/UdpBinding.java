package net.voicegslb.gslb.agent.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import net.voicegslb.gslb.common.transport.EventLoops;

/** Binds one UDP socket with the agent's options; the only place that knows Bootstrap. */
public final class UdpBinding {

    private UdpBinding() {
    }

    public static Channel bind(EventLoops loops, InetSocketAddress local, ChannelHandler handler) {
        return new Bootstrap()
                .group(loops.group())
                .channel(loops.datagramChannel())
                // Room for a burst of probes/replies while the loop is busy elsewhere.
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .option(ChannelOption.SO_SNDBUF, 1 << 20)
                .handler(handler)
                .bind(local).syncUninterruptibly().channel();
    }
}
