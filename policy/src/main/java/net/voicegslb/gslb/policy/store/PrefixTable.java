package net.voicegslb.gslb.policy.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Open-addressing hash table from (family, length, bits) to {@link PrefixEntry}, linear probing.
 * One writer at a time (the store serializes writers); any number of readers, which never lock and
 * never see a torn entry because slots hold immutable objects published with release/acquire.
 * Removal leaves a tombstone so that concurrent probes are never cut short; the store rebuilds the
 * table when tombstones pile up. The capacity of one instance is fixed: growing means building a
 * new table and publishing it.
 */
final class PrefixTable {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(PrefixEntry[].class);

    /** Marks a removed slot; a probe continues past it. Immutable, so sharing it is harmless. */
    static final PrefixEntry TOMBSTONE = PrefixEntry.empty(0, -1);

    private final PrefixEntry[] slots;
    private final int mask;
    private int size;
    private int tombstones;

    PrefixTable(int capacityPowerOfTwo) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two");
        }
        this.slots = new PrefixEntry[capacityPowerOfTwo];
        this.mask = capacityPowerOfTwo - 1;
    }

    static int hash(long bits, int meta) {
        long h = (bits ^ ((long) meta << 1)) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }

    /** Reader path: the entry for the key, or null. */
    PrefixEntry get(long bits, int meta) {
        PrefixEntry[] s = slots;
        int i = hash(bits, meta) & mask;
        for (int probes = 0; probes <= mask; probes++) {
            PrefixEntry e = (PrefixEntry) SLOTS.getAcquire(s, i);
            if (e == null) {
                return null;
            }
            if (e.bits == bits && e.meta == meta) {
                return e;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Reader path: every live entry, in table order, until {@code visitor} returns false. */
    void forEach(java.util.function.Predicate<PrefixEntry> visitor) {
        PrefixEntry[] s = slots;
        for (int i = 0; i < s.length; i++) {
            PrefixEntry e = (PrefixEntry) SLOTS.getAcquire(s, i);
            if (e != null && e != TOMBSTONE && !visitor.test(e)) {
                return;
            }
        }
    }

    /** Writer only: inserts or replaces. Caller ensures there is room ({@link #loadAfterInsert}). */
    void put(PrefixEntry entry) {
        int i = hash(entry.bits, entry.meta) & mask;
        int firstTombstone = -1;
        for (int probes = 0; probes <= mask; probes++) {
            PrefixEntry e = slots[i];
            if (e == null) {
                if (firstTombstone >= 0) {
                    tombstones--;
                    i = firstTombstone;
                }
                SLOTS.setRelease(slots, i, entry);
                size++;
                return;
            }
            if (e == TOMBSTONE) {
                if (firstTombstone < 0) {
                    firstTombstone = i;
                }
            } else if (e.bits == entry.bits && e.meta == entry.meta) {
                SLOTS.setRelease(slots, i, entry);
                return;
            }
            i = (i + 1) & mask;
        }
        if (firstTombstone >= 0) {
            tombstones--;
            SLOTS.setRelease(slots, firstTombstone, entry);
            size++;
            return;
        }
        throw new IllegalStateException("prefix table full");
    }

    /** Writer only. */
    boolean remove(long bits, int meta) {
        int i = hash(bits, meta) & mask;
        for (int probes = 0; probes <= mask; probes++) {
            PrefixEntry e = slots[i];
            if (e == null) {
                return false;
            }
            if (e != TOMBSTONE && e.bits == bits && e.meta == meta) {
                SLOTS.setRelease(slots, i, TOMBSTONE);
                size--;
                tombstones++;
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    /** Fraction of slots that would be occupied (live or tombstone) after one more insert. */
    double loadAfterInsert() {
        return (size + tombstones + 1.0) / slots.length;
    }

    int size() {
        return size;
    }

    int tombstones() {
        return tombstones;
    }

    int capacity() {
        return slots.length;
    }

    /** Writer only: live entry at slot {@code i} or null (for sweeps, copies and sampling). */
    PrefixEntry liveAt(int i) {
        PrefixEntry e = slots[i & mask];
        return e == TOMBSTONE ? null : e;
    }
}
