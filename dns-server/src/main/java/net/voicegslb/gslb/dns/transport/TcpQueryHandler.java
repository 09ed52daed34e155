package net.voicegslb.gslb.dns.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import net.voicegslb.gslb.dns.answer.DnsResponder;
import net.voicegslb.gslb.dns.codec.ParsedQuery;
import net.voicegslb.gslb.dns.metrics.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each length-framed query of a TCP connection in order (RFC 7766 section 6.2.1: several
 * queries per connection, pipelined), closes idle connections and streams that are not DNS. A
 * client that sends faster than it reads is throttled: once the connection's write buffer is over
 * its high-water mark the server stops reading from it until the client catches up, so unread
 * answers cannot pile up in memory.
 */
final class TcpQueryHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(TcpQueryHandler.class);

    private final DnsResponder responder;
    private final ParsedQuery scratch = new ParsedQuery();
    /** The dynamic layer's per-connection scratch, made on first need. */
    private Object clientScratch;

    TcpQueryHandler(DnsResponder responder) {
        this.responder = responder;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            if (clientScratch == null) {
                clientScratch = responder.newScratch();
            }
            java.net.SocketAddress remote = ctx.channel().remoteAddress();
            ByteBuf response = responder.respond(frame, scratch, Transport.TCP, ctx.alloc(),
                    remote instanceof java.net.InetSocketAddress isa ? isa.getAddress() : null, clientScratch);
            if (response == null) {
                ctx.close(); // not a query: the stream is not worth reading further
                return;
            }
            ctx.write(response, ctx.voidPromise());
            if (!ctx.channel().isWritable()) {
                ctx.flush();
                ctx.channel().config().setAutoRead(false);
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("TCP connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
