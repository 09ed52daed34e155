package net.voicegslb.gslb.agent.codec;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * STUN Binding (RFC 8489) as far as address discovery needs: the 20-byte Binding request, and from
 * a Binding success response the XOR-MAPPED-ADDRESS (§14.2), falling back to the legacy
 * MAPPED-ADDRESS (§14.1). Every length is checked against the datagram; unknown attributes are
 * skipped (4-byte aligned); the magic cookie and transaction ID must match ours.
 */
public final class StunCodec {

    public static final int MAGIC_COOKIE = 0x2112A442;
    static final int BINDING_REQUEST = 0x0001;
    static final int BINDING_SUCCESS = 0x0101;
    static final int ATTR_MAPPED_ADDRESS = 0x0001;
    static final int ATTR_XOR_MAPPED_ADDRESS = 0x0020;

    private StunCodec() {
    }

    /** A Binding request without attributes; {@code transactionId} is 12 random bytes. */
    public static byte[] bindingRequest(byte[] transactionId) {
        if (transactionId.length != 12) {
            throw new IllegalArgumentException("transaction ID must be 96 bits");
        }
        byte[] out = new byte[20];
        out[1] = BINDING_REQUEST;
        putInt(out, 4, MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, out, 8, 12);
        return out;
    }

    /** The reflexive address from a Binding success response to {@code transactionId}, or null. */
    public static InetSocketAddress mappedAddress(byte[] data, int length, byte[] transactionId) {
        int n = Math.min(length, data.length);
        if (n < 20 || u16(data, 0) != BINDING_SUCCESS || getInt(data, 4) != MAGIC_COOKIE
                || !Arrays.equals(data, 8, 20, transactionId, 0, 12)) {
            return null;
        }
        int end = 20 + u16(data, 2);
        if (end > n || (end & 3) != 0) {
            return null;
        }
        InetSocketAddress legacy = null;
        for (int p = 20; p + 4 <= end; ) {
            int type = u16(data, p);
            int len = u16(data, p + 2);
            int value = p + 4;
            if (value + len > end) {
                return null;
            }
            if (type == ATTR_XOR_MAPPED_ADDRESS) {
                return address(data, value, len, true, transactionId);
            }
            if (type == ATTR_MAPPED_ADDRESS && legacy == null) {
                legacy = address(data, value, len, false, transactionId);
            }
            p = value + ((len + 3) & ~3);
        }
        return legacy;
    }

    private static InetSocketAddress address(byte[] d, int at, int len, boolean xor, byte[] txId) {
        if (len < 8) {
            return null;
        }
        int family = d[at + 1] & 0xFF;
        int addrLen = family == 1 ? 4 : family == 2 ? 16 : -1;
        if (addrLen < 0 || len < 4 + addrLen) {
            return null;
        }
        int port = u16(d, at + 2) ^ (xor ? MAGIC_COOKIE >>> 16 : 0);
        byte[] a = Arrays.copyOfRange(d, at + 4, at + 4 + addrLen);
        if (xor) {
            byte[] mask = new byte[16];
            putInt(mask, 0, MAGIC_COOKIE);
            System.arraycopy(txId, 0, mask, 4, 12);
            for (int i = 0; i < addrLen; i++) {
                a[i] ^= mask[i];
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(a), port);
        } catch (UnknownHostException e) {
            return null; // unreachable: length is 4 or 16
        }
    }

    private static int u16(byte[] d, int at) {
        return ((d[at] & 0xFF) << 8) | (d[at + 1] & 0xFF);
    }

    private static int getInt(byte[] d, int at) {
        return (u16(d, at) << 16) | u16(d, at + 2);
    }

    private static void putInt(byte[] d, int at, int v) {
        d[at] = (byte) (v >>> 24);
        d[at + 1] = (byte) (v >>> 16);
        d[at + 2] = (byte) (v >>> 8);
        d[at + 3] = (byte) v;
    }
}
