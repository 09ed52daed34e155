package net.voicegslb.gslb.pbx.auth;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The highest accepted nonce-count per nonce, at most {@code max} of them, forgotten oldest first.
 * First in, first out on purpose (not a frequency-based cache such as Caffeine's): a forgotten
 * nonce must be refused as stale from then on, so what gets forgotten has to be the oldest, or a
 * busy node would declare the nonces it just sent stale and loop its phones through 401s. Under
 * more than {@code max} successful authentications per nonce lifetime, the effective lifetime
 * shrinks to max / rate (100,000 at 12,000 REGISTER/s: 8 s, still far above a round trip).
 */
final class NonceCounts {

    private record Entry(String nonce, long issuedMillis) {}

    private final int max;
    private final Map<String, Long> counts = new ConcurrentHashMap<>();
    private final Queue<Entry> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final LongAdder evicted = new LongAdder();
    /** Every nonce issued at or before this that is not in {@link #counts} may have been forgotten. */
    private volatile long forgottenUpTo = Long.MIN_VALUE;

    NonceCounts(int max) {
        this.max = max;
    }

    /** The highest accepted count, or null (never accepted, or forgotten: see {@link #mayBeForgotten}). */
    Long get(String nonce) {
        return counts.get(nonce);
    }

    /** True when this nonce may have had counts that were dropped for room. */
    boolean mayBeForgotten(long issuedMillis) {
        return issuedMillis <= forgottenUpTo;
    }

    /** Records {@code nc} if higher than any before; false when it is not (a replay). */
    boolean accept(String nonce, long issuedMillis, long nc) {
        boolean[] fresh = new boolean[1];
        boolean[] inserted = new boolean[1];
        counts.compute(nonce, (k, old) -> {
            inserted[0] = old == null;
            fresh[0] = old == null || nc > old;
            return fresh[0] ? Long.valueOf(nc) : old;
        });
        if (inserted[0]) {
            order.add(new Entry(nonce, issuedMillis));
            if (size.incrementAndGet() > max) {
                trim(Long.MIN_VALUE);
            }
        }
        return fresh[0];
    }

    /** Drops counts of nonces issued before {@code issuedBefore} (stale anyway), and any above the cap. */
    synchronized void trim(long issuedBefore) {
        Entry head;
        while ((head = order.peek()) != null && (size.get() > max || head.issuedMillis() < issuedBefore)) {
            order.poll(); // only trim() polls, and it holds the lock: this is the head just seen
            counts.remove(head.nonce());
            size.decrementAndGet();
            if (head.issuedMillis() >= issuedBefore) {
                evicted.increment();
                if (head.issuedMillis() > forgottenUpTo) {
                    forgottenUpTo = head.issuedMillis();
                }
            }
        }
    }

    int size() {
        return size.get();
    }

    long evictions() {
        return evicted.sum();
    }
}
