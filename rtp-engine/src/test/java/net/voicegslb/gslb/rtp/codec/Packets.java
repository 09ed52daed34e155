package net.voicegslb.gslb.rtp.codec;

import java.nio.ByteBuffer;

/** Builds RTP and RTCP packets for tests (the relay itself never builds any). */
public final class Packets {

    private Packets() {}

    public static byte[] rtp(int payloadType, int seq, long timestamp, long ssrc, int payloadBytes, byte fill) {
        ByteBuffer b = ByteBuffer.allocate(12 + payloadBytes);
        b.put((byte) 0x80).put((byte) payloadType).putShort((short) seq).putInt((int) timestamp).putInt((int) ssrc);
        for (int i = 0; i < payloadBytes; i++) {
            b.put(fill);
        }
        return b.array();
    }

    /** A report block: source, fraction, cumulative lost (24-bit), ext. highest seq, jitter, LSR, DLSR. */
    public record Block(long source, int fraction, int cumulativeLost, long highestSeq, long jitter, long lsr,
            long dlsr) {}

    public static byte[] receiverReport(long ssrc, Block... blocks) {
        ByteBuffer b = ByteBuffer.allocate(8 + 24 * blocks.length);
        b.put((byte) (0x80 | blocks.length)).put((byte) 201).putShort((short) (1 + 6 * blocks.length)).putInt((int) ssrc);
        for (Block k : blocks) {
            putBlock(b, k);
        }
        return b.array();
    }

    public static byte[] senderReport(long ssrc, long ntp, long rtpTs, long packets, long octets, Block... blocks) {
        ByteBuffer b = ByteBuffer.allocate(28 + 24 * blocks.length);
        b.put((byte) (0x80 | blocks.length)).put((byte) 200).putShort((short) (6 + 6 * blocks.length)).putInt((int) ssrc);
        b.putLong(ntp).putInt((int) rtpTs).putInt((int) packets).putInt((int) octets);
        for (Block k : blocks) {
            putBlock(b, k);
        }
        return b.array();
    }

    private static void putBlock(ByteBuffer b, Block k) {
        b.putInt((int) k.source()).put((byte) k.fraction());
        int lost = k.cumulativeLost() & 0xffffff;
        b.put((byte) (lost >>> 16)).put((byte) (lost >>> 8)).put((byte) lost);
        b.putInt((int) k.highestSeq()).putInt((int) k.jitter()).putInt((int) k.lsr()).putInt((int) k.dlsr());
    }
}
