package net.voicegslb.gslb.pbx.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.codec.SipParseException;
import net.voicegslb.gslb.pbx.codec.SipParser;

/**
 * Parses the frames of one TCP or TLS connection; the connection is the flow responses return on.
 * Over TLS the frames are what the SslHandler in front decrypted, and a request may alias the
 * connection for requests back to its sender (RFC 5923, see {@link ConnectionAliases}).
 */
final class TcpSipHandler extends SimpleChannelInboundHandler<byte[]> {

    private final SipParser parser = new SipParser();
    private final SipInbound inbound;
    private final TransportCounters counters;
    private final Transport transport;
    private final ConnectionAliases aliases;
    private SipConnection connection;

    TcpSipHandler(SipInbound inbound, TransportCounters counters) {
        this(inbound, counters, Transport.TCP, null);
    }

    TcpSipHandler(SipInbound inbound, TransportCounters counters, Transport transport, ConnectionAliases aliases) {
        this.inbound = inbound;
        this.counters = counters;
        this.transport = transport;
        this.aliases = aliases;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        connection = new SipConnection(transport, ctx.channel(), (InetSocketAddress) ctx.channel().remoteAddress());
        counters.tcpOpened();
        if (aliases != null) {
            aliases.connected(connection);
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        counters.tcpClosed();
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, byte[] frame) {
        SipMessage m;
        try {
            m = parser.parse(frame, frame.length, false);
        } catch (SipParseException e) {
            counters.malformed();
            inbound.onMalformed(frame, frame.length, e, connection);
            return;
        }
        if (m != null) {
            if (aliases != null && m.isRequest()) {
                aliases.offer(m, connection);
            }
            inbound.onMessage(m, connection);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            counters.idleTimeout();
            ctx.close();
        } else if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            // the SslHandler closes the connection itself; count why
            if (done.cause() instanceof SslHandshakeTimeoutException) {
                counters.tlsHandshakeTimeout();
            } else {
                counters.tlsHandshakeFailed();
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    /**
     * Output beyond the write buffer's high water mark: the peer does not read what we send
     * (the kernel buffers are full already), so the connection is closed before its backlog
     * grows without bound.
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (!ctx.channel().isWritable() && ctx.channel().isActive()) {
            counters.writeBacklog();
            ctx.close();
            return;
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (transport == Transport.TLS && isTls(cause)) {
            // a failed handshake was counted by its completion event; a broken record after it is counted here
            io.netty.handler.ssl.SslHandler ssl = ctx.pipeline().get(io.netty.handler.ssl.SslHandler.class);
            if (ssl != null && ssl.handshakeFuture().isSuccess()) {
                counters.socketError();
            }
        } else if (cause instanceof DecoderException) {
            counters.tooLarge();
        } else {
            counters.socketError();
        }
        ctx.close();
    }

    private static boolean isTls(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return true; // NotSslRecordException (plain bytes on the TLS port) is one too
            }
        }
        return false;
    }
}
