package net.voicegslb.gslb.agent.codec;

import io.netty.buffer.ByteBuf;

/**
 * Bytes ↔ STAMP test packets (RFC 8762, unauthenticated). Stateless. Decoders read absolute
 * indexes without moving the reader index and check the length first; longer packets (padding) are
 * accepted and the extra octets ignored, shorter ones are malformed. MBZ fields are not checked on
 * receipt ("MUST be zeroed on transmission and ignored on receipt").
 */
public final class StampCodec {

    private StampCodec() {
    }

    public static void writeSender(StampSenderPacket p, ByteBuf out) {
        out.writeInt((int) p.sequence());
        out.writeLong(p.timestamp());
        out.writeShort(p.errorEstimate());
        out.writeZero(30);
    }

    public static StampSenderPacket readSender(ByteBuf in) throws MalformedStampException {
        if (in.readableBytes() < StampSenderPacket.LENGTH) {
            throw new MalformedStampException("STAMP test packet of " + in.readableBytes() + " octets, need 44");
        }
        int i = in.readerIndex();
        return new StampSenderPacket(in.getUnsignedInt(i), in.getLong(i + 4), in.getUnsignedShort(i + 12));
    }

    public static void writeReflector(StampReflectorPacket p, ByteBuf out) {
        out.writeInt((int) p.sequence());
        out.writeLong(p.timestamp());
        out.writeShort(p.errorEstimate());
        out.writeZero(2);
        out.writeLong(p.receiveTimestamp());
        out.writeInt((int) p.senderSequence());
        out.writeLong(p.senderTimestamp());
        out.writeShort(p.senderErrorEstimate());
        out.writeZero(2);
        out.writeByte(p.senderTtl());
        out.writeZero(3);
    }

    public static StampReflectorPacket readReflector(ByteBuf in) throws MalformedStampException {
        if (in.readableBytes() < StampReflectorPacket.LENGTH) {
            throw new MalformedStampException("STAMP reflected packet of " + in.readableBytes() + " octets, need 44");
        }
        int i = in.readerIndex();
        return new StampReflectorPacket(in.getUnsignedInt(i), in.getLong(i + 4), in.getUnsignedShort(i + 12),
                in.getLong(i + 16), in.getUnsignedInt(i + 24), in.getLong(i + 28), in.getUnsignedShort(i + 36),
                in.getUnsignedByte(i + 40));
    }

    /**
     * The reflector's hot path: turns a received sender packet into the reflected packet written to
     * {@code out} with no intermediate objects (RFC 8762 §4.3, stateless mode: the reflector's
     * sequence number copies the sender's). The reflected packet is as long as the received one,
     * zero-padded, so that paths see symmetric sizes (RFC 8762 §4.2.1 padding note).
     *
     * @param receivedNtp  T2, receive time on the reflector's clock
     * @param transmitNtp  T3, transmission time on the reflector's clock
     * @param ttl          IP TTL/Hop Limit of the received packet, 255 when unknown
     */
    public static void reflect(ByteBuf in, long receivedNtp, long transmitNtp, int errorEstimate, int ttl,
                               ByteBuf out) throws MalformedStampException {
        int len = in.readableBytes();
        if (len < StampSenderPacket.LENGTH) {
            throw new MalformedStampException("STAMP test packet of " + len + " octets, need 44");
        }
        if (len > MAX_REFLECTED_LENGTH) {
            throw new MalformedStampException("STAMP test packet of " + len + " octets, more than "
                    + MAX_REFLECTED_LENGTH + " (refused: would amplify)");
        }
        int i = in.readerIndex();
        out.writeInt(in.getInt(i)); // stateless: reflector sequence = sender sequence
        out.writeLong(transmitNtp);
        out.writeShort(errorEstimate);
        out.writeZero(2);
        out.writeLong(receivedNtp);
        out.writeInt(in.getInt(i));
        out.writeLong(in.getLong(i + 4));
        out.writeShort(in.getShort(i + 12));
        out.writeZero(2);
        out.writeByte(ttl);
        out.writeZero(3 + len - StampReflectorPacket.LENGTH);
    }

    /**
     * Whether a datagram of at least 44 octets looks like a Session-Reflector packet rather than a
     * Session-Sender one: a reflector fills Receive Timestamp (octets 16–23) and Ses-Sender TTL
     * (octet 40), where a sender's packet has MBZ zeros (RFC 8762 §4.2.1, also with the RFC 8972
     * SSID at 14–15). Reflecting such a packet only serves a loop between two reflectors, so the
     * reflector drops it even though MBZ is "ignored on receipt" for ordinary test packets.
     */
    public static boolean looksReflected(ByteBuf in) {
        if (in.readableBytes() < StampReflectorPacket.LENGTH) {
            return false;
        }
        int i = in.readerIndex();
        return in.getLong(i + 16) != 0 || in.getByte(i + 40) != 0;
    }

    /** Largest test packet we reflect; padding beyond a typical MTU buys nothing. */
    public static final int MAX_REFLECTED_LENGTH = 1472;
}
