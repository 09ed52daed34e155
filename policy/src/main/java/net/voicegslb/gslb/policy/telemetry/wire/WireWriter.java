package net.voicegslb.gslb.policy.telemetry.wire;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.voicegslb.gslb.policy.model.ClientPrefix;

/** Big-endian writer into a growing array; the encoder's only output primitive. */
final class WireWriter {
    private byte[] buf;
    private int pos;

    WireWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    void u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    void u16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    void u32(long v) {
        ensure(4);
        for (int s = 24; s >= 0; s -= 8) {
            buf[pos++] = (byte) (v >>> s);
        }
    }

    void u64(long v) {
        ensure(8);
        for (int s = 56; s >= 0; s -= 8) {
            buf[pos++] = (byte) (v >>> s);
        }
    }

    void f64(double v) {
        u64(Double.doubleToLongBits(v));
    }

    void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    /** u8 length + UTF-8; identifiers and names longer than 255 bytes are refused, not cut. */
    void string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > TelemetryFrameCodec.MAX_STRING_BYTES) {
            throw new IllegalArgumentException("string longer than " + TelemetryFrameCodec.MAX_STRING_BYTES
                    + " bytes: " + s.substring(0, Math.min(s.length(), 40)) + "...");
        }
        u8(b.length);
        bytes(b);
    }

    /** u8 length (4 or 16) + address bytes. */
    void address(InetAddress a) {
        byte[] b = a.getAddress();
        u8(b.length);
        bytes(b);
    }

    /** u8 family (4 or 6), u8 prefix length, then only the ceil(length / 8) significant bytes. */
    void prefix(ClientPrefix p) {
        u8(p.ipv6() ? 6 : 4);
        u8(p.length());
        int n = (p.length() + 7) / 8;
        for (int i = 0; i < n; i++) {
            long word = i < 8 ? p.hi() : p.lo();
            u8((int) (word >>> (56 - 8 * (i % 8))));
        }
    }

    int position() {
        return pos;
    }

    void putU32At(int at, long v) {
        for (int i = 0; i < 4; i++) {
            buf[at + i] = (byte) (v >>> (24 - 8 * i));
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }
}
