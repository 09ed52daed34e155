package net.voicegslb.gslb.dns.gslb;

import java.util.Collection;

/**
 * Immutable open-addressing table from client key to {@link ClientVariant}: the query path reads
 * it without locks; the refresher builds a new one and swaps it in.
 */
final class VariantTable {

    static final VariantTable EMPTY = new VariantTable(java.util.List.of());

    private final long[] k1;
    private final long[] k2;
    private final ClientVariant[] values;
    private final int mask;
    private final int size;

    VariantTable(Collection<ClientVariant> variants) {
        int capacity = Integer.highestOneBit(Math.max(4, variants.size() * 2 - 1)) << 1;
        k1 = new long[capacity];
        k2 = new long[capacity];
        values = new ClientVariant[capacity];
        mask = capacity - 1;
        for (ClientVariant v : variants) {
            int i = hash(v.k1, v.k2) & mask;
            while (values[i] != null) {
                i = (i + 1) & mask;
            }
            k1[i] = v.k1;
            k2[i] = v.k2;
            values[i] = v;
        }
        size = variants.size();
    }

    ClientVariant get(long a, long b) {
        for (int i = hash(a, b) & mask; ; i = (i + 1) & mask) {
            ClientVariant v = values[i];
            if (v == null) {
                return null;
            }
            if (k1[i] == a && k2[i] == b) {
                return v;
            }
        }
    }

    int size() {
        return size;
    }

    Iterable<ClientVariant> all() {
        return java.util.Arrays.stream(values).filter(java.util.Objects::nonNull).toList();
    }

    private static int hash(long a, long b) {
        long h = (b ^ (b >>> 29) ^ (a * 0x9E3779B97F4A7C15L)) * 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }
}
