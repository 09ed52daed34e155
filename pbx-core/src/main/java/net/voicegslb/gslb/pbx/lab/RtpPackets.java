package net.voicegslb.gslb.pbx.lab;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds the RTP and RTCP datagrams of a synthetic phone: G.711 µ-law (payload type 0, 8 kHz,
 * 160 samples per 20 ms packet) and compound RTCP (SR or RR, then SDES CNAME, RFC 3550 6.1) with
 * at most one report block. Pure: bytes in, bytes out.
 */
public final class RtpPackets {

    public static final int PCMU = 0;
    public static final int CLOCK_RATE = 8000;
    public static final int SAMPLES_PER_PACKET = 160;
    public static final int PACKET_MILLIS = 20;

    // µ-law silence: what a muted G.711 phone sends, and as large as speech on the wire
    private static final byte[] SILENCE = filled(SAMPLES_PER_PACKET, (byte) 0xFF);
    // seconds from 1900 (NTP era 0) to 1970 (Unix epoch)
    private static final long NTP_UNIX_OFFSET = 2_208_988_800L;

    private RtpPackets() {}

    /** One 20 ms PCMU packet; the marker is set on the first packet of a talk spurt. */
    public static byte[] rtp(int sequence, long timestamp, long ssrc, boolean marker) {
        ByteBuffer b = ByteBuffer.allocate(12 + SAMPLES_PER_PACKET);
        b.put((byte) 0x80);
        b.put((byte) ((marker ? 0x80 : 0) | PCMU));
        b.putShort((short) sequence);
        b.putInt((int) timestamp);
        b.putInt((int) ssrc);
        b.put(SILENCE);
        return b.array();
    }

    /** A compound SR (with {@code block} when we receive a stream, else none) and SDES CNAME. */
    public static byte[] senderReport(long ssrc, long ntp, long rtpTimestamp, long packets, long octets,
            ReportBlock block, String cname) {
        int blocks = block == null ? 0 : 1;
        ByteBuffer b = ByteBuffer.allocate(28 + 24 * blocks + sdesLength(cname));
        b.put((byte) (0x80 | blocks)).put((byte) 200).putShort((short) ((28 + 24 * blocks) / 4 - 1));
        b.putInt((int) ssrc);
        b.putLong(ntp);
        b.putInt((int) rtpTimestamp).putInt((int) packets).putInt((int) octets);
        if (block != null) {
            putBlock(b, block);
        }
        putSdes(b, ssrc, cname);
        return b.array();
    }

    /** A compound RR with one block (a phone that does not send) and SDES CNAME. */
    public static byte[] receiverReport(long ssrc, ReportBlock block, String cname) {
        ByteBuffer b = ByteBuffer.allocate(8 + 24 + sdesLength(cname));
        b.put((byte) 0x81).put((byte) 201).putShort((short) ((8 + 24) / 4 - 1));
        b.putInt((int) ssrc);
        putBlock(b, block);
        putSdes(b, ssrc, cname);
        return b.array();
    }

    /** The 64-bit NTP timestamp of a wall-clock time in milliseconds since the Unix epoch. */
    public static long ntp(long epochMillis) {
        long seconds = epochMillis / 1000 + NTP_UNIX_OFFSET;
        long fraction = (epochMillis % 1000) * (1L << 32) / 1000;
        return (seconds << 32) | fraction;
    }

    /** The middle 32 bits of an NTP timestamp: what a report block echoes as LSR. */
    public static long middle32(long ntp) {
        return (ntp >>> 16) & 0xffff_ffffL;
    }

    private static void putBlock(ByteBuffer b, ReportBlock r) {
        b.putInt((int) r.sourceSsrc());
        b.put((byte) r.fractionLost());
        int lost = Math.max(-0x800000, Math.min(0x7fffff, r.cumulativeLost())); // 24-bit signed, clamped
        b.put((byte) (lost >> 16)).put((byte) (lost >> 8)).put((byte) lost);
        b.putInt((int) r.extendedHighestSequence());
        b.putInt((int) r.jitter());
        b.putInt((int) r.lastSr());
        b.putInt((int) r.delaySinceLastSr());
    }

    private static int sdesLength(String cname) {
        // header, SSRC, item type and length, the name, then an END octet and padding to 32 bits
        int items = 2 + cname.getBytes(StandardCharsets.US_ASCII).length + 1;
        return 8 + (items + 3) / 4 * 4;
    }

    private static void putSdes(ByteBuffer b, long ssrc, String cname) {
        byte[] name = cname.getBytes(StandardCharsets.US_ASCII);
        int length = sdesLength(cname);
        b.put((byte) 0x81).put((byte) 202).putShort((short) (length / 4 - 1));
        b.putInt((int) ssrc);
        b.put((byte) 1).put((byte) name.length).put(name);
        while (b.position() < b.limit()) {
            b.put((byte) 0); // END, then padding to the 32-bit boundary
        }
    }

    private static byte[] filled(int n, byte value) {
        byte[] b = new byte[n];
        Arrays.fill(b, value);
        return b;
    }
}
