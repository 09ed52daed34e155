package net.voicegslb.gslb.rtp.codec;

import io.netty.buffer.ByteBuf;

/**
 * Reads a compound RTCP packet in place. {@link #isValid} applies the RFC 3550 A.2 header validity
 * checks to the whole compound before {@link #visit} reports anything, so a visitor never sees the
 * first half of a packet whose second half is garbage.
 */
public final class RtcpCompound {

    public static final int SR = 200;
    public static final int RR = 201;

    private static final int HEADER = 4;
    private static final int SENDER_INFO = 20;
    private static final int REPORT_BLOCK = 24;

    private RtcpCompound() {}

    /**
     * Version 2 in every packet, the first one an SR or RR without padding, padding only in the
     * last one, the lengths adding up to exactly the datagram, and report counts that fit.
     */
    public static boolean isValid(ByteBuf buf) {
        int start = buf.readerIndex();
        int end = start + buf.readableBytes();
        if (end - start < HEADER + 4) {
            return false;
        }
        int first = buf.getUnsignedByte(start);
        int firstType = buf.getUnsignedByte(start + 1);
        if ((first & 0x20) != 0 || (firstType != SR && firstType != RR)) {
            return false;
        }
        int at = start;
        while (at < end) {
            if (end - at < HEADER) {
                return false;
            }
            int b0 = buf.getUnsignedByte(at);
            if ((b0 >>> 6) != 2) {
                return false;
            }
            int length = HEADER + 4 * buf.getUnsignedShort(at + 2);
            if (length > end - at) {
                return false;
            }
            if ((b0 & 0x20) != 0 && at + length != end) {
                return false;
            }
            if (!reportsFit(buf.getUnsignedByte(at + 1), b0 & 0x1f, length)) {
                return false;
            }
            at += length;
        }
        return true;
    }

    private static boolean reportsFit(int type, int count, int length) {
        return switch (type) {
            case SR -> HEADER + 4 + SENDER_INFO + count * REPORT_BLOCK <= length;
            case RR -> HEADER + 4 + count * REPORT_BLOCK <= length;
            default -> true;
        };
    }

    /** Reports every SR sender info and report block; returns false (reporting nothing) if invalid. */
    public static boolean visit(ByteBuf buf, RtcpVisitor visitor) {
        if (!isValid(buf)) {
            return false;
        }
        int at = buf.readerIndex();
        int end = at + buf.readableBytes();
        while (at < end) {
            int count = buf.getUnsignedByte(at) & 0x1f;
            int type = buf.getUnsignedByte(at + 1);
            int length = HEADER + 4 * buf.getUnsignedShort(at + 2);
            if (type == SR || type == RR) {
                long ssrc = buf.getUnsignedInt(at + HEADER);
                int blocks = at + HEADER + 4;
                if (type == SR) {
                    visitor.onSenderReport(ssrc, buf.getLong(blocks), buf.getUnsignedInt(blocks + 8),
                            buf.getUnsignedInt(blocks + 12), buf.getUnsignedInt(blocks + 16));
                    blocks += SENDER_INFO;
                }
                for (int i = 0; i < count; i++) {
                    int b = blocks + i * REPORT_BLOCK;
                    visitor.onReportBlock(ssrc, buf.getUnsignedInt(b), buf.getUnsignedByte(b + 4),
                            buf.getMedium(b + 5), buf.getUnsignedInt(b + 8), buf.getUnsignedInt(b + 12),
                            buf.getUnsignedInt(b + 16), buf.getUnsignedInt(b + 20));
                }
            }
            at += length;
        }
        return true;
    }

    /** The middle 32 bits of a 64-bit NTP timestamp: what a later report block echoes as LSR. */
    public static long middle32(long ntpTimestamp) {
        return (ntpTimestamp >>> 16) & 0xffff_ffffL;
    }
}
