package net.voicegslb.gslb.dns.answer;

import io.netty.buffer.ByteBuf;
import java.util.Map;
import net.voicegslb.gslb.dns.codec.DnsWire;

/**
 * Immutable open-addressing table from wire-format names to values, probed straight from the
 * received bytes with a case-insensitive compare: the query path allocates nothing and takes no
 * lock. Built once per zone snapshot.
 */
final class NameTable<V> {

    private final byte[][] keys;
    private final int[] hashes;
    private final Object[] values;
    private final int mask;

    /** @param entries lower-case wire-format names and their values */
    NameTable(java.util.List<Map.Entry<byte[], V>> entries) {
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2 - 1)) << 1;
        keys = new byte[capacity][];
        hashes = new int[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        for (var e : entries) {
            byte[] key = e.getKey();
            int h = DnsWire.hashName(key, 0, key.length);
            int i = h & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            hashes[i] = h;
            values[i] = e.getValue();
        }
    }

    @SuppressWarnings("unchecked")
    V get(ByteBuf buf, int offset, int length, int hash) {
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            byte[] key = keys[i];
            if (key == null) {
                return null;
            }
            if (hashes[i] == hash && key.length == length && matches(key, buf, offset)) {
                return (V) values[i];
            }
        }
    }

    private static boolean matches(byte[] key, ByteBuf buf, int offset) {
        for (int i = 0; i < key.length; i++) {
            if ((key[i] & 0xFF) != DnsWire.lower(buf.getUnsignedByte(offset + i))) {
                return false;
            }
        }
        return true;
    }
}
