package net.voicegslb.gslb.policy.telemetry.wire;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import net.voicegslb.gslb.policy.model.ClientPrefix;

/**
 * Big-endian reader over an untrusted frame. Every read checks the remaining length first and every
 * count is checked against the bytes that could possibly hold it, so a lying length can neither
 * read past the end nor make the decoder allocate more than the frame's size.
 */
final class WireReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    WireReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    int remaining() {
        return end - pos;
    }

    private void need(int n, String what) throws MalformedFrameException {
        if (n < 0 || end - pos < n) {
            throw new MalformedFrameException("truncated " + what + " at byte " + pos + ": need " + n
                    + ", have " + (end - pos));
        }
    }

    int u8(String what) throws MalformedFrameException {
        need(1, what);
        return buf[pos++] & 0xFF;
    }

    int u16(String what) throws MalformedFrameException {
        need(2, what);
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    long u32(String what) throws MalformedFrameException {
        need(4, what);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (buf[pos++] & 0xFFL);
        }
        return v;
    }

    /** A u32 that must fit a non-negative int (counters, capacities). */
    int u31(String what) throws MalformedFrameException {
        long v = u32(what);
        if (v > Integer.MAX_VALUE) {
            throw new MalformedFrameException(what + " out of range: " + v);
        }
        return (int) v;
    }

    long u64(String what) throws MalformedFrameException {
        need(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xFFL);
        }
        return v;
    }

    double f64(String what) throws MalformedFrameException {
        return Double.longBitsToDouble(u64(what));
    }

    /** A count of items that each take at least {@code minItemBytes}: bounded by what is left. */
    int count(String what, int width, int minItemBytes) throws MalformedFrameException {
        long n = width == 1 ? u8(what) : width == 2 ? u16(what) : u32(what);
        if (n * minItemBytes > remaining()) {
            throw new MalformedFrameException(what + ": " + n + " items cannot fit in " + remaining() + " bytes");
        }
        return (int) n;
    }

    String string(String what) throws MalformedFrameException {
        int n = u8(what + " length");
        need(n, what);
        try {
            // Strict decoding: malformed UTF-8 is an error, not silently replaced.
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, pos, n)).toString();
            pos += n;
            return s;
        } catch (CharacterCodingException e) {
            throw new MalformedFrameException(what + ": invalid UTF-8", e);
        }
    }

    InetAddress address(String what) throws MalformedFrameException {
        int n = u8(what + " length");
        if (n != 4 && n != 16) {
            throw new MalformedFrameException(what + ": address length must be 4 or 16, was " + n);
        }
        need(n, what);
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += n;
        if (n == 16 && isV4Mapped(b)) {
            // The JDK would turn it into an IPv4 address, which re-encodes differently: one encoding only.
            throw new MalformedFrameException(what + ": IPv4-mapped IPv6 address; send the 4-byte form");
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new MalformedFrameException(what + ": bad address", e); // unreachable: length checked
        }
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
    }

    ClientPrefix prefix(String what) throws MalformedFrameException {
        int family = u8(what + " family");
        if (family != 4 && family != 6) {
            throw new MalformedFrameException(what + ": family must be 4 or 6, was " + family);
        }
        boolean v6 = family == 6;
        int length = u8(what + " length");
        if (length > (v6 ? 128 : 32)) {
            throw new MalformedFrameException(what + ": prefix length " + length + " too long for IPv" + family);
        }
        int n = (length + 7) / 8;
        need(n, what);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 16; i++) {
            long b = i < n ? buf[pos + i] & 0xFFL : 0;
            if (i < 8) {
                hi = (hi << 8) | b;
            } else {
                lo = (lo << 8) | b;
            }
        }
        pos += n;
        if (!v6 && (hi & 0xFFFF_FFFFL) != 0) {
            throw new MalformedFrameException(what + ": IPv4 prefix with more than 4 bytes"); // unreachable
        }
        // Bits past the length must be zero: one prefix has exactly one encoding.
        if ((hi & ~ClientPrefix.maskHi(length)) != 0 || (lo & ~ClientPrefix.maskLo(length)) != 0) {
            throw new MalformedFrameException(what + ": bits set beyond /" + length);
        }
        return new ClientPrefix(v6, hi, lo, length);
    }
}
