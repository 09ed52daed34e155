package net.voicegslb.gslb.dns.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import net.voicegslb.gslb.dns.answer.DnsResponder;
import net.voicegslb.gslb.dns.codec.ParsedQuery;
import net.voicegslb.gslb.dns.metrics.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per UDP socket, so its scratch {@link ParsedQuery} is confined to the socket's event loop.
 * Responses are written as they are made and flushed once per read batch (sendmmsg on epoll).
 */
final class UdpQueryHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(UdpQueryHandler.class);

    private final DnsResponder responder;
    private final ParsedQuery scratch = new ParsedQuery();
    /** The dynamic layer's per-loop scratch, made on first need. */
    private Object clientScratch;

    UdpQueryHandler(DnsResponder responder) {
        this.responder = responder;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DatagramPacket packet = (DatagramPacket) msg;
        try {
            if (clientScratch == null) {
                clientScratch = responder.newScratch();
            }
            ByteBuf response = responder.respond(packet.content(), scratch, Transport.UDP, ctx.alloc(),
                    packet.sender().getAddress(), clientScratch);
            if (response != null) {
                ctx.write(new DatagramPacket(response, packet.sender()), ctx.voidPromise());
            }
        } finally {
            packet.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A UDP socket must outlive any one bad packet or unreachable client.
        LOG.debug("UDP socket {}: {}", ctx.channel().localAddress(), cause.toString());
    }
}
