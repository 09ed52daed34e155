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
     * A peer site reached over a TLS connection of ours that may not be open yet: whoever sends
     * to it asks {@link PeerLinks#whenReady} for the real connection first.
     */
    public static SipConnection pendingPeer(InetSocketAddress peer) {
        return new SipConnection(Transport.TLS, null, peer);
    }

    /** Whether this stands for a peer connection still to be looked up ({@link #pendingPeer}). */
    public boolean pending() {
        return channel == null;
    }

    /**
     * The certificate chain the other end showed and our TLS handshake verified (a client
     * certificate on our listener, the server's on a connection we opened); empty on UDP/TCP, or
     * when the client showed none.
     */
    public java.util.List<java.security.cert.X509Certificate> verifiedChain() {
        if (transport != Transport.TLS || channel == null) {
            return java.util.List.of();
        }
        io.netty.handler.ssl.SslHandler ssl = channel.pipeline().get(io.netty.handler.ssl.SslHandler.class);
        if (ssl == null || !ssl.handshakeFuture().isSuccess()) {
            return java.util.List.of();
        }
        try {
            java.util.List<java.security.cert.X509Certificate> chain = new java.util.ArrayList<>();
            for (java.security.cert.Certificate c : ssl.engine().getSession().getPeerCertificates()) {
                if (c instanceof java.security.cert.X509Certificate x) {
                    chain.add(x);
                }
            }
            return chain;
        } catch (javax.net.ssl.SSLPeerUnverifiedException none) {
            return java.util.List.of();
        }
    }

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
        if (channel == null || !channel.isActive()) {
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
        return channel != null && channel.isActive();
    }
}
