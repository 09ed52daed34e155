package net.voicegslb.gslb.pbx.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.codec.SipParseException;
import net.voicegslb.gslb.pbx.codec.SipParser;

/** One datagram is one message (RFC 3261 18.3); it is copied once out of Netty's buffer. */
@ChannelHandler.Sharable
final class UdpSipHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    /**
     * Set on a socket while its event loop handles a datagram read from it (see
     * SipConnection.sendInReadBurst); only that loop touches it.
     */
    private static final AttributeKey<Boolean> READING = AttributeKey.valueOf("gslb.sip.reading");

    private final SipParser parser = new SipParser();
    private final SipInbound inbound;
    private final TransportCounters counters;
    private final int maxSize;

    UdpSipHandler(SipInbound inbound, TransportCounters counters, int maxSize) {
        this.inbound = inbound;
        this.counters = counters;
        this.maxSize = maxSize;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        int n = content.readableBytes();
        if (n > maxSize) {
            counters.tooLarge();
            return;
        }
        byte[] bytes = new byte[n];
        content.getBytes(content.readerIndex(), bytes);
        SipConnection from = new SipConnection(Transport.UDP, ctx.channel(), packet.sender());
        SipMessage m;
        try {
            m = parser.parse(bytes, n, true);
        } catch (SipParseException e) {
            counters.malformed();
            inbound.onMalformed(bytes, n, e, from);
            return;
        }
        if (m != null) {
            Attribute<Boolean> reading = ctx.channel().attr(READING);
            reading.set(Boolean.TRUE);
            try {
                inbound.onMessage(m, from);
            } finally {
                reading.set(Boolean.FALSE);
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    static boolean readingOnThisThread(Channel channel) {
        return channel.eventLoop().inEventLoop() && Boolean.TRUE.equals(channel.attr(READING).get());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP errors and the like surface here on a connected-less socket; nothing to close.
        counters.socketError();
    }
}
