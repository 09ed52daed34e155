package net.voicegslb.gslb.pbx.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * A flow to one peer: a UDP socket plus the peer's address, or a TCP connection. Responses and
 * requests to a registered phone go back over the flow it used (RFC 3581 symmetric response
 * routing, RFC 5626 spirit), which is what makes phones behind NAT reachable.
 */
public record SipConnection(Transport transport, Channel channel, InetSocketAddress remote) {

    /**
     * Sends a response produced while this very UDP socket is being read: it is only written, and
     * the handler flushes at the end of the read burst, so a burst of responses leaves in one
     * sendmmsg call. Anywhere else it is sent at once.
     */
    public boolean sendInReadBurst(ByteBuf message) {
        if (transport == Transport.UDP && UdpSipHandler.readingOnThisThread(channel)) {
            channel.write(new DatagramPacket(message, remote), channel.voidPromise());
            return true;
        }
        return send(message);
    }

    /** Sends and releases {@code message}; false when a TCP connection has gone. */
    public boolean send(ByteBuf message) {
        if (!channel.isActive()) {
            message.release();
            return false;
        }
        if (transport == Transport.UDP) {
            channel.writeAndFlush(new DatagramPacket(message, remote), channel.voidPromise());
        } else {
            channel.writeAndFlush(message, channel.voidPromise());
        }
        return true;
    }

    public InetSocketAddress local() {
        return (InetSocketAddress) channel.localAddress();
    }

    public boolean usable() {
        return channel.isActive();
    }
}
