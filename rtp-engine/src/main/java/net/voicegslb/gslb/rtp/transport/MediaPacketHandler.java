package net.voicegslb.gslb.rtp.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import net.voicegslb.gslb.rtp.codec.PacketKind;
import net.voicegslb.gslb.rtp.session.MediaSession;
import net.voicegslb.gslb.rtp.session.RelayCounters;
import net.voicegslb.gslb.rtp.stats.LegSide;

/**
 * The hot path: one datagram in on a leg's socket, the same bytes out of the other leg's socket.
 * The received buffer (a slice of a pooled recvmmsg buffer) is handed to the outgoing write without
 * copying; flushes are batched per read burst, so a recvmmsg batch leaves as a sendmmsg batch.
 */
final class MediaPacketHandler extends ChannelInboundHandlerAdapter {

    private final CallChannels call;
    private final LegSide side;
    private final boolean rtcpPort;
    private final RelayCounters counters;
    private Channel pendingRtp;
    private Channel pendingRtcp;

    MediaPacketHandler(CallChannels call, LegSide side, boolean rtcpPort, RelayCounters counters) {
        this.call = call;
        this.side = side;
        this.rtcpPort = rtcpPort;
        this.counters = counters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DatagramPacket packet = (DatagramPacket) msg;
        ByteBuf buf = packet.content();
        MediaSession session = call.session();
        long now = System.nanoTime();
        InetSocketAddress sender = packet.sender();
        InetSocketAddress destination;
        Channel out;
        switch (PacketKind.classify(buf)) {
            case RTP -> {
                if (rtcpPort) {
                    counters.droppedMalformed.increment();
                    packet.release();
                    return;
                }
                destination = session.onRtp(side, sender, buf, now);
                out = call.rtp(side.other());
            }
            case RTCP -> {
                destination = session.onRtcp(side, !rtcpPort, sender, buf, now);
                LegSide peer = side.other();
                out = session.leg(peer).rtcpMux() ? call.rtp(peer) : call.rtcp(peer);
            }
            default -> {
                counters.droppedMalformed.increment();
                packet.release();
                return;
            }
        }
        if (destination == null) {
            packet.release();
            return;
        }
        if (!out.isWritable()) {
            counters.droppedUnwritable.increment();
            packet.release();
            return;
        }
        int length = buf.readableBytes();
        // Ownership of the buffer moves to the outgoing envelope; the inbound envelope is dropped.
        out.write(new DatagramPacket(buf, destination), out.voidPromise());
        counters.relayedPackets.increment();
        counters.relayedBytes.add(length);
        if (out == call.rtp(side.other())) {
            pendingRtp = out;
        } else {
            pendingRtcp = out;
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (pendingRtp != null) {
            pendingRtp.flush();
            pendingRtp = null;
        }
        if (pendingRtcp != null) {
            pendingRtcp.flush();
            pendingRtcp = null;
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP port unreachable and friends surface here; a relay must keep going.
        counters.socketErrors.increment();
    }
}
