package net.voicegslb.gslb.rtp.codec;

import io.netty.buffer.ByteBuf;

/**
 * Bounds-checked reads of an RTP fixed header (RFC 3550 section 5.1) straight from the received
 * buffer. No object per packet: the relay only needs a handful of fields for statistics and
 * forwards the original bytes untouched, so nothing an untrusted peer sent is ever re-encoded.
 * Every accessor assumes {@link #isValid} returned true for the same buffer.
 */
public final class RtpHeader {

    public static final int FIXED_LENGTH = 12;

    private RtpHeader() {}

    /**
     * Version 2, CSRC list and header extension inside the packet, padding count plausible. The
     * padding and extension checks matter because a receiver trusting them would read past the end.
     */
    public static boolean isValid(ByteBuf buf) {
        int len = buf.readableBytes();
        if (len < FIXED_LENGTH) {
            return false;
        }
        int start = buf.readerIndex();
        int b0 = buf.getUnsignedByte(start);
        if ((b0 >>> 6) != 2) {
            return false;
        }
        int header = FIXED_LENGTH + 4 * (b0 & 0x0f);
        if (header > len) {
            return false;
        }
        if ((b0 & 0x10) != 0) {
            if (header + 4 > len) {
                return false;
            }
            header += 4 + 4 * buf.getUnsignedShort(start + header + 2);
            if (header > len) {
                return false;
            }
        }
        if ((b0 & 0x20) != 0) {
            int padding = buf.getUnsignedByte(start + len - 1);
            return padding > 0 && header + padding <= len;
        }
        return true;
    }

    public static int payloadType(ByteBuf buf) {
        return buf.getUnsignedByte(buf.readerIndex() + 1) & 0x7f;
    }

    public static boolean marker(ByteBuf buf) {
        return (buf.getUnsignedByte(buf.readerIndex() + 1) & 0x80) != 0;
    }

    public static int sequence(ByteBuf buf) {
        return buf.getUnsignedShort(buf.readerIndex() + 2);
    }

    public static long timestamp(ByteBuf buf) {
        return buf.getUnsignedInt(buf.readerIndex() + 4);
    }

    public static long ssrc(ByteBuf buf) {
        return buf.getUnsignedInt(buf.readerIndex() + 8);
    }

    /** Payload length without header, CSRCs, extension and padding; valid packets only. */
    public static int payloadLength(ByteBuf buf) {
        int start = buf.readerIndex();
        int len = buf.readableBytes();
        int b0 = buf.getUnsignedByte(start);
        int header = FIXED_LENGTH + 4 * (b0 & 0x0f);
        if ((b0 & 0x10) != 0) {
            header += 4 + 4 * buf.getUnsignedShort(start + header + 2);
        }
        int padding = (b0 & 0x20) != 0 ? buf.getUnsignedByte(start + len - 1) : 0;
        return len - header - padding;
    }
}
