package net.voicegslb.gslb.deploy.it.support;

import java.io.ByteArrayOutputStream;

/**
 * Well-formed queries for the raw clients where the bytes are not the point (pipelining, load).
 * Malformed packets are written out as literal hex in the tests themselves.
 */
public final class QueryBytes {

    private QueryBytes() {}

    /** A query with RD clear, no OPT. */
    public static byte[] of(int id, String name, int qtype) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, id);
        u16(out, 0);
        u16(out, 1);
        u16(out, 0);
        u16(out, 0);
        u16(out, 0);
        out.writeBytes(name(name));
        u16(out, qtype);
        u16(out, 1);
        return out.toByteArray();
    }

    /** Uncompressed wire form of a presentation name (no escapes). */
    public static byte[] name(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String label : name.split("\\.")) {
            if (!label.isEmpty()) {
                byte[] b = label.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                out.write(b.length);
                out.writeBytes(b);
            }
        }
        out.write(0);
        return out.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write((v >> 8) & 0xFF);
        out.write(v & 0xFF);
    }
}
