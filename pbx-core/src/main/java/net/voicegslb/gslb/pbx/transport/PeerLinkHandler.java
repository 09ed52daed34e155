package net.voicegslb.gslb.pbx.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;

/**
 * On a TLS connection of ours to a peer: a double-CRLF ping when we have written nothing for
 * peer_keepalive (RFC 5626 4.4.1; the peer's pong, or anything else it sends, counts as life), the
 * connection closed (and so reopened) when nothing came back within the keepalive plus 10 s, and
 * every message across counted by kind.
 */
final class PeerLinkHandler extends ChannelDuplexHandler {

    private static final byte[] PING = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final PeerLinkMeters meters;

    PeerLinkHandler(PeerLinkMeters meters) {
        this.meters = meters;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                meters.keepaliveSent();
                ctx.writeAndFlush(Unpooled.wrappedBuffer(PING), ctx.voidPromise());
            } else if (idle.state() == IdleState.READER_IDLE) {
                ctx.close(); // no pong: the flow is dead (RFC 5626 4.4.1)
            }
            return; // not the listener's idle timeout: TcpSipHandler must not see it
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof byte[] frame) {
            meters.received(frame, frame.length);
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof ByteBuf b && b.readableBytes() > 0) {
            byte[] start = new byte[Math.min(8, b.readableBytes())];
            b.getBytes(b.readerIndex(), start);
            meters.sent(start, start.length);
        }
        super.write(ctx, msg, promise);
    }
}
