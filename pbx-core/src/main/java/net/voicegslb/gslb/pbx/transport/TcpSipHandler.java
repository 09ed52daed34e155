package net.voicegslb.gslb.pbx.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.codec.SipParseException;
import net.voicegslb.gslb.pbx.codec.SipParser;

/** Parses the frames of one TCP connection; the connection is the flow responses return on. */
final class TcpSipHandler extends SimpleChannelInboundHandler<byte[]> {

    private final SipParser parser = new SipParser();
    private final SipInbound inbound;
    private final TransportCounters counters;
    private SipConnection connection;

    TcpSipHandler(SipInbound inbound, TransportCounters counters) {
        this.inbound = inbound;
        this.counters = counters;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        connection = new SipConnection(Transport.TCP, ctx.channel(), (InetSocketAddress) ctx.channel().remoteAddress());
        counters.tcpOpened();
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
            inbound.onMessage(m, connection);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            counters.idleTimeout();
            ctx.close();
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
        if (cause instanceof DecoderException) {
            counters.tooLarge();
        } else {
            counters.socketError();
        }
        ctx.close();
    }
}
