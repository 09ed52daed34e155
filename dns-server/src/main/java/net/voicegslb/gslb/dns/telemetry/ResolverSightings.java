package net.voicegslb.gslb.dns.telemetry;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.ProbeTarget;

/**
 * The resolver networks that query this DNS node, busiest first: what agents should probe so that
 * the policy has measurements for the clients that actually ask. A hot path: {@link #record} runs
 * for every DNS query on the transport's event loops.
 *
 * <p>Only one query in {@code sampleEvery} (per thread) is looked at. The skip decision is a plain
 * increment of a per-thread slot in a padded array: no lock, no atomic, no allocation. The races
 * this allows between threads that share a slot only lose a few ticks, which sampling forgives.
 * A sampled query costs a prefix key and a lock-free map read; only a prefix never seen before
 * takes the map's bin lock to insert.
 *
 * <p>Memory: at most about {@code maxPrefixes} /24 (IPv4) or /48 (IPv6) entries. When a new
 * prefix pushes the table past that, one thread evicts the least-counted tenth; {@link #decay()}
 * halves every count (the ingest calls it after each probe-target list) so that old demand fades
 * and prefixes that no longer query leave the table.
 */
public final class ResolverSightings {

    public static final int DEFAULT_SAMPLE_EVERY = 16;
    public static final int DEFAULT_MAX_PREFIXES = 100_000;
    static final int IPV4_PREFIX = 24;
    static final int IPV6_PREFIX = 48;

    private static final int STRIPES = 64;
    /** 16 ints = 64 bytes: each thread's slot on its own cache line. */
    private static final int PAD = 16;
    /** Ties in {@link #top} go to the lower address, so equal counts give a stable list. */
    private static final Comparator<ClientPrefix> PREFIX_ORDER = Comparator.comparing(ClientPrefix::ipv6)
            .thenComparing(ClientPrefix::hi, Long::compareUnsigned)
            .thenComparing(ClientPrefix::lo, Long::compareUnsigned)
            .thenComparingInt(ClientPrefix::length);

    private final int[] ticks = new int[STRIPES * PAD];
    private final int sampleMask;
    private final int maxPrefixes;
    private final ConcurrentHashMap<ClientPrefix, Sighting> prefixes = new ConcurrentHashMap<>();
    private final AtomicBoolean evicting = new AtomicBoolean();

    private static final class Sighting {
        final LongAdder count = new LongAdder();
        volatile InetAddress resolver;

        Sighting(InetAddress resolver) {
            this.resolver = resolver;
        }
    }

    public ResolverSightings() {
        this(DEFAULT_SAMPLE_EVERY, DEFAULT_MAX_PREFIXES);
    }

    /**
     * @param sampleEvery look at one query in this many per thread; a power of two (1 = every query)
     * @param maxPrefixes distinct prefixes kept
     */
    public ResolverSightings(int sampleEvery, int maxPrefixes) {
        if (sampleEvery <= 0 || Integer.bitCount(sampleEvery) != 1) {
            throw new IllegalArgumentException("sampleEvery must be a power of two, was " + sampleEvery);
        }
        if (maxPrefixes < 10) {
            throw new IllegalArgumentException("maxPrefixes must be >= 10, was " + maxPrefixes);
        }
        this.sampleMask = sampleEvery - 1;
        this.maxPrefixes = maxPrefixes;
    }

    /** Notes the source of one DNS query. Safe and cheap from any thread. */
    public void record(InetSocketAddress remote) {
        record(remote.getAddress());
    }

    /** Same, for the query path that already holds the address: nothing to allocate. */
    @SuppressWarnings("deprecation") // Thread.getId: threadId() needs Java 19
    public void record(InetAddress address) {
        int slot = (int) (Thread.currentThread().getId() & (STRIPES - 1)) * PAD;
        if ((++ticks[slot] & sampleMask) != 0) {
            return;
        }
        if (address == null) {
            return;
        }
        ClientPrefix key = ClientPrefix.of(address, address instanceof Inet4Address ? IPV4_PREFIX : IPV6_PREFIX);
        Sighting s = prefixes.get(key);
        if (s == null) {
            s = prefixes.computeIfAbsent(key, k -> new Sighting(address));
            s.count.increment();
            if (prefixes.size() > maxPrefixes) {
                evict();
            }
            return;
        }
        if (s.resolver != address && !s.resolver.equals(address)) {
            s.resolver = address;
        }
        s.count.increment();
    }

    /**
     * The {@code max} busiest prefixes, busiest first, each with the latest resolver seen in it and
     * its share of the sampled queries as weight (the weights of all prefixes sum to 1).
     */
    public List<ProbeTarget> top(int max) {
        List<Map.Entry<ClientPrefix, Long>> counted = new ArrayList<>(prefixes.size());
        List<InetAddress> resolvers = new ArrayList<>(prefixes.size());
        long total = 0;
        for (Map.Entry<ClientPrefix, Sighting> e : prefixes.entrySet()) {
            long n = e.getValue().count.sum();
            if (n > 0) {
                total += n;
                counted.add(Map.entry(e.getKey(), n));
            }
        }
        if (total == 0 || max <= 0) {
            return List.of();
        }
        counted.sort(Map.Entry.<ClientPrefix, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry::getKey, PREFIX_ORDER));
        List<ProbeTarget> out = new ArrayList<>(Math.min(max, counted.size()));
        for (Map.Entry<ClientPrefix, Long> e : counted.subList(0, Math.min(max, counted.size()))) {
            Sighting s = prefixes.get(e.getKey());
            InetAddress resolver = s != null ? s.resolver : e.getKey().address();
            out.add(new ProbeTarget(e.getKey(), resolver, MeasurementSource.DNS_PROBE,
                    (double) e.getValue() / total));
        }
        return out;
    }

    /** Halves every count and forgets prefixes whose count reaches zero. */
    public void decay() {
        prefixes.forEach((prefix, s) -> {
            long n = s.count.sumThenReset();
            if (n / 2 > 0) {
                s.count.add(n / 2);
            } else {
                prefixes.remove(prefix, s);
            }
        });
    }

    /** Distinct prefixes currently kept. */
    public int size() {
        return prefixes.size();
    }

    private void evict() {
        if (!evicting.compareAndSet(false, true)) {
            return; // another thread is at it; the table overshoots by a few entries meanwhile
        }
        try {
            int excess = prefixes.size() - maxPrefixes * 9 / 10;
            if (excess <= 0) {
                return;
            }
            long[] counts = prefixes.values().stream().mapToLong(s -> s.count.sum()).toArray();
            Arrays.sort(counts);
            long threshold = counts[Math.min(excess, counts.length) - 1];
            int removed = 0;
            for (Map.Entry<ClientPrefix, Sighting> e : prefixes.entrySet()) {
                if (removed >= excess) {
                    break;
                }
                if (e.getValue().count.sum() <= threshold && prefixes.remove(e.getKey(), e.getValue())) {
                    removed++;
                }
            }
        } finally {
            evicting.set(false);
        }
    }
}
