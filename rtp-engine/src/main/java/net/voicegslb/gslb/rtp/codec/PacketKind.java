package net.voicegslb.gslb.rtp.codec;

import io.netty.buffer.ByteBuf;

/**
 * What arrived on a media port. RTP and RTCP share a port under rtcp-mux (RFC 5761), so the
 * second byte decides: RTCP packet types 192..223 read as RTP payload types 64..95, which RFC 5761
 * section 4 reserves for exactly this reason.
 */
public enum PacketKind {
    RTP,
    RTCP,
    /** Not version 2 or too short: STUN, DTLS, garbage. Never relayed. */
    OTHER;

    public static PacketKind classify(ByteBuf buf) {
        int start = buf.readerIndex();
        if (buf.readableBytes() < 2 || (buf.getUnsignedByte(start) >>> 6) != 2) {
            return OTHER;
        }
        int pt = buf.getUnsignedByte(start + 1) & 0x7f;
        return pt >= 64 && pt <= 95 ? RTCP : RTP;
    }
}
