package net.voicegslb.gslb.policy.rank;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-key hysteresis state, updated by the readers that rank (the DNS query threads) with
 * compare-and-set. Two threads ranking the same key at once compute from the same inputs, so losing
 * a CAS just means the other thread's identical or newer decision stands. Bounded: beyond
 * {@code maxEntries} new keys are not tracked (they behave as INITIAL every time) until
 * {@link #sweep} removes keys idle for longer than the idle limit.
 */
final class HysteresisTable {
    private final ConcurrentHashMap<HysteresisKey, HysteresisState> states = new ConcurrentHashMap<>();
    private final AtomicLong size = new AtomicLong();
    private final AtomicLong generation = new AtomicLong();
    private final long maxEntries;

    HysteresisTable(long maxEntries) {
        this.maxEntries = maxEntries;
    }

    HysteresisState get(HysteresisKey key) {
        return states.get(key);
    }

    /** Stores {@code next} if {@code prev} is still current; bumps the generation if the choice changed. */
    void update(HysteresisKey key, HysteresisState prev, HysteresisState next, long now) {
        if (prev == next) {
            return; // unchanged and recently touched: nothing to write
        }
        boolean stored;
        if (prev == null) {
            if (size.get() >= maxEntries) {
                return;
            }
            stored = states.putIfAbsent(key, next) == null;
            if (stored) {
                size.incrementAndGet();
            }
        } else {
            stored = states.replace(key, prev, next);
        }
        if (stored && prev != null && !prev.current().equals(next.current())) {
            generation.incrementAndGet();
        }
    }

    /** Drops keys not ranked for {@code idleMillis}; returns how many. */
    int sweep(long now, long idleMillis) {
        int removed = 0;
        for (var e : states.entrySet()) {
            if (now - e.getValue().lastSeenMillis() > idleMillis && states.remove(e.getKey(), e.getValue())) {
                size.decrementAndGet();
                removed++;
            }
        }
        return removed;
    }

    long size() {
        return size.get();
    }

    long generation() {
        return generation.get();
    }
}
