package net.voicegslb.gslb.deploy.it.support;

/** The fixed 12-byte header of a raw response, decoded for assertions. */
public record WireHeader(int id, boolean qr, int opcode, boolean aa, boolean tc, boolean rd, boolean ra,
        boolean cd, int rcode, int qdCount, int anCount, int nsCount, int arCount) {

    public static final int NOERROR = 0;
    public static final int FORMERR = 1;
    public static final int NXDOMAIN = 3;
    public static final int NOTIMP = 4;
    public static final int REFUSED = 5;

    public static WireHeader of(byte[] m) {
        if (m.length < 12) {
            throw new IllegalArgumentException("a DNS message has at least 12 bytes, got " + m.length);
        }
        int flags = u16(m, 2);
        return new WireHeader(u16(m, 0), (flags & 0x8000) != 0, (flags >> 11) & 0xF, (flags & 0x0400) != 0,
                (flags & 0x0200) != 0, (flags & 0x0100) != 0, (flags & 0x0080) != 0, (flags & 0x0010) != 0,
                flags & 0xF, u16(m, 4), u16(m, 6), u16(m, 8), u16(m, 10));
    }

    static int u16(byte[] m, int at) {
        return ((m[at] & 0xFF) << 8) | (m[at + 1] & 0xFF);
    }
}
