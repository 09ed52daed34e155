package net.voicegslb.gslb.agent.codec;

import java.nio.charset.StandardCharsets;

/**
 * The DNS probe query (RFC 1035 §4.1): one question, RD clear (non-recursive: we time the
 * resolver's own answer, not its upstream fetch), no EDNS. And the two checks made on what comes
 * back: the ID and the QR bit. Any RCODE counts as an answer (REFUSED from a resolver that will not
 * serve us still measures the path).
 */
public final class DnsProbeCodec {

    private DnsProbeCodec() {
    }

    /** A query for {@code name} (dotted, no trailing dot needed) of {@code qtype}, class IN. */
    public static byte[] query(int id, String name, int qtype) {
        byte[] qname = encodeName(name);
        byte[] out = new byte[12 + qname.length + 4];
        out[0] = (byte) (id >>> 8);
        out[1] = (byte) id;
        // flags 0x0000: QR=0 query, OPCODE=0, RD=0
        out[5] = 1; // QDCOUNT = 1
        System.arraycopy(qname, 0, out, 12, qname.length);
        int p = 12 + qname.length;
        out[p] = (byte) (qtype >>> 8);
        out[p + 1] = (byte) qtype;
        out[p + 3] = 1; // class IN
        return out;
    }

    static byte[] encodeName(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        byte[] buf = new byte[n.length() + 2];
        int p = 0;
        if (!n.isEmpty()) {
            for (String label : n.split("\\.", -1)) {
                byte[] l = label.getBytes(StandardCharsets.US_ASCII);
                if (l.length == 0 || l.length > 63) {
                    throw new IllegalArgumentException("bad DNS label in " + name);
                }
                buf[p++] = (byte) l.length;
                System.arraycopy(l, 0, buf, p, l.length);
                p += l.length;
            }
        }
        buf[p++] = 0;
        if (p > 255) {
            throw new IllegalArgumentException("DNS name longer than 255 octets: " + name);
        }
        return java.util.Arrays.copyOf(buf, p);
    }

    /** The response's ID, or -1 when the bytes are not a DNS response (too short or QR clear). */
    public static int responseId(byte[] data, int length) {
        if (length < 12 || data.length < 12 || (data[2] & 0x80) == 0) {
            return -1;
        }
        return ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
    }

    /** RCODE of a response already checked by {@link #responseId}. */
    public static int rcode(byte[] data) {
        return data[3] & 0x0F;
    }
}
