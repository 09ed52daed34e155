package net.voicegslb.gslb.policy.model;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 network prefix, held as two longs so that hot paths can hash and mask it without
 * touching {@link InetAddress}. IPv4 addresses sit in the top 32 bits of {@code hi}; bits beyond
 * {@code length} are always zero, so equal prefixes are equal records.
 *
 * @param ipv6   address family
 * @param hi     first 64 address bits (IPv4: the 32 address bits, shifted to the top)
 * @param lo     last 64 address bits (always 0 for IPv4)
 * @param length prefix length, 0..32 or 0..128
 */
public record ClientPrefix(boolean ipv6, long hi, long lo, int length) {

    public ClientPrefix {
        int max = ipv6 ? 128 : 32;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " out of range 0.." + max);
        }
        if (!ipv6 && lo != 0) {
            throw new IllegalArgumentException("IPv4 prefix with low bits");
        }
        hi &= maskHi(length);
        lo &= maskLo(length);
    }

    public static ClientPrefix of(InetAddress address, int length) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            long v = ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
            return new ClientPrefix(false, v << 32, 0, length);
        }
        return new ClientPrefix(true, bytesToLong(b, 0), bytesToLong(b, 8), length);
    }

    /** A host address as a full-length prefix. */
    public static ClientPrefix host(InetAddress address) {
        return of(address, address instanceof Inet4Address ? 32 : 128);
    }

    /** Parses {@code "192.0.2.0/24"}, {@code "2001:db8::/48"} or a bare address (full length). */
    public static ClientPrefix parse(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        if (!isAddressLiteral(addr)) {
            throw new IllegalArgumentException("not an IP prefix: " + text);
        }
        InetAddress address;
        try {
            // Only literals reach here (checked above), so getByName never performs a DNS lookup.
            address = InetAddress.getByName(addr);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP prefix: " + text, e);
        }
        if (slash < 0) {
            return host(address);
        }
        try {
            return of(address, Integer.parseInt(text.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in " + text, e);
        }
    }

    private static boolean isAddressLiteral(String s) {
        boolean v6 = s.indexOf(':') >= 0;
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '.' || Character.isDigit(c) || (v6 && (c == ':' || Character.digit(c, 16) >= 0));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public int maxLength() {
        return ipv6 ? 128 : 32;
    }

    /** This prefix cut to {@code newLength} bits; a longer length than ours is an error. */
    public ClientPrefix truncate(int newLength) {
        if (newLength > length) {
            throw new IllegalArgumentException("cannot extend /" + length + " to /" + newLength);
        }
        return newLength == length ? this : new ClientPrefix(ipv6, hi, lo, newLength);
    }

    /** True when {@code other} lies inside this prefix (same family, at least as long, same leading bits). */
    public boolean contains(ClientPrefix other) {
        return other.ipv6 == ipv6 && other.length >= length
                && (other.hi & maskHi(length)) == hi && (other.lo & maskLo(length)) == lo;
    }

    public InetAddress address() {
        byte[] b;
        if (ipv6) {
            b = new byte[16];
            longToBytes(hi, b, 0);
            longToBytes(lo, b, 8);
        } else {
            b = new byte[4];
            long v = hi >>> 32;
            for (int i = 0; i < 4; i++) {
                b[i] = (byte) (v >>> (24 - 8 * i));
            }
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // impossible: length is 4 or 16
        }
    }

    @Override
    public String toString() {
        return address().getHostAddress() + "/" + length;
    }

    public static long maskHi(int length) {
        if (length <= 0) {
            return 0L;
        }
        return length >= 64 ? -1L : -1L << (64 - length);
    }

    public static long maskLo(int length) {
        if (length <= 64) {
            return 0L;
        }
        return length >= 128 ? -1L : -1L << (128 - length);
    }

    private static long bytesToLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFFL);
        }
        return v;
    }

    private static void longToBytes(long v, byte[] b, int off) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (56 - 8 * i));
        }
    }
}
