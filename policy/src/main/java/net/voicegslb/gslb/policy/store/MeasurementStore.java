package net.voicegslb.gslb.policy.store;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;

/**
 * Per (client prefix, site) network conditions with age decay, longest-prefix match for IPv4 and
 * IPv6, and per-site aggregates.
 *
 * <p>Threading: any number of threads may call the read methods at any time; they never block
 * and allocate nothing on the {@link #longestMatch} path. Writes ({@link #record}, {@link #sweep})
 * may come from many ingest threads; they serialize on one short internal lock, which readers never
 * take. Every write bumps {@link #generation()}.
 *
 * <p>Bounds: at most {@link StoreSettings#maxPrefixes()} entries. Inserting beyond that evicts,
 * among 8 sampled entries, the one updated least recently; {@link #sweep} removes entries not
 * updated for {@link StoreSettings#expireAfterMillis()}. Each measurement is filed under its prefix
 * cut to the aggregation length and also folded into the covering roll-up prefix.
 */
public final class MeasurementStore {
    /** Site aggregates average many prefixes; a large cap keeps them steady against one noisy prefix. */
    static final double AGGREGATE_MAX_WEIGHT = 1000;
    private static final double MAX_LOAD = 0.7;
    private static final int EVICTION_SAMPLE = 8;

    private final StoreSettings settings;
    private final long originMillis;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<String, Integer> siteIndex = new ConcurrentHashMap<>();
    private final SplittableRandom evictionRandom = new SplittableRandom(0x5EED);

    private volatile PrefixTable table = new PrefixTable(1024);
    private volatile long ipv4Lengths;
    private volatile long ipv6Lengths;
    private volatile SiteAggregate[] aggregates = new SiteAggregate[0];
    private volatile long generation;
    private volatile long evictions;

    /** @param originMillis time origin for the compact per-entry timestamps (e.g. start-up time) */
    public MeasurementStore(StoreSettings settings, long originMillis) {
        this.settings = settings;
        this.originMillis = originMillis;
    }

    public StoreSettings settings() {
        return settings;
    }

    // ---------------------------------------------------------------- reads (lock-free)

    /** Index of a site in this store, or -1 if it never reported; stable for the store's life. */
    public int siteIndex(String siteId) {
        Integer i = siteIndex.get(siteId);
        return i == null ? -1 : i;
    }

    /** The lookup key for a client address or ECS prefix: cut to the aggregation length. */
    public ClientPrefix clientKey(ClientPrefix client) {
        int agg = settings.aggregationLength(client.ipv6());
        return client.length() > agg ? client.truncate(agg) : client;
    }

    /**
     * Longest stored prefix covering {@code key} with usable data for {@code site}, or null.
     * {@code key} must come from {@link #clientKey}.
     */
    public PrefixEntry longestMatch(ClientPrefix key, int site, long nowMillis) {
        if (site < 0) {
            return null;
        }
        boolean v6 = key.ipv6();
        long lengths = v6 ? ipv6Lengths : ipv4Lengths;
        PrefixTable t = table;
        for (int len = Math.min(key.length(), 64); len >= 1; len--) {
            if ((lengths & (1L << (len - 1))) == 0) {
                continue;
            }
            PrefixEntry e = t.get(key.hi() & ClientPrefix.maskHi(len), PrefixEntry.meta(v6, len));
            if (e != null && e.hasSite(site) && usable(e, site, nowMillis)) {
                return e;
            }
        }
        return null;
    }

    /** True when any prefix of this family is stored, i.e. answers may depend on the client. */
    /**
     * Up to {@code max} of the client prefixes measured, in no particular order, without the
     * store's own roll-ups (they would count their clients twice): the client networks a what-if
     * ranking (an administrative change's preview) is run for. Lock-free.
     */
    public java.util.List<ClientPrefix> prefixes(int max) {
        java.util.List<ClientPrefix> out = new java.util.ArrayList<>();
        table.forEach(e -> {
            if (out.size() >= max) {
                return false;
            }
            int rollup = e.ipv6() ? settings.ipv6RollupLength() : settings.ipv4RollupLength();
            if (e.length() != rollup) {
                out.add(new ClientPrefix(e.ipv6(), e.bits(), 0, e.length()));
            }
            return true;
        });
        return out;
    }

    public boolean hasPrefixes(boolean ipv6) {
        return (ipv6 ? ipv6Lengths : ipv4Lengths) != 0;
    }

    /** Decayed weight >= minimum; skips the pow() when less than a half-life has passed. */
    private boolean usable(PrefixEntry e, int site, long nowMillis) {
        double w = e.weight(site);
        long age = ageMillis(e, site, nowMillis);
        double min = settings.minEffectiveSamples();
        if (age <= settings.halfLifeMillis() && w * 0.5 >= min) {
            return true;
        }
        return DecayingAverage.decayedWeight(w, age, settings.halfLifeMillis()) >= min;
    }

    public double effectiveSamples(PrefixEntry e, int site, long nowMillis) {
        return DecayingAverage.decayedWeight(e.weight(site), ageMillis(e, site, nowMillis), settings.halfLifeMillis());
    }

    public long ageMillis(PrefixEntry e, int site, long nowMillis) {
        return Math.max(0, nowMillis - (originMillis + e.updatedSecond(site) * 1000L));
    }

    /** The entry's data for a site as a record, for evidence and explanations. */
    public PathEstimate estimate(PrefixEntry e, int site, long nowMillis) {
        return new PathEstimate(e.length(), e.rttMillis(site), e.jitterMillis(site), e.lossRatio(site),
                effectiveSamples(e, site, nowMillis), ageMillis(e, site, nowMillis));
    }

    /** Site-wide aggregate if it is fresh and heavy enough to use, else null. */
    public PathEstimate siteAggregate(int site, long nowMillis) {
        SiteAggregate[] a = aggregates;
        if (site < 0 || site >= a.length || a[site] == null || !a[site].present()) {
            return null;
        }
        SiteAggregate s = a[site];
        long age = Math.max(0, nowMillis - s.updatedMillis());
        double eff = DecayingAverage.decayedWeight(s.weight(), age, settings.halfLifeMillis());
        if (eff < settings.minEffectiveSamples()) {
            return null;
        }
        return new PathEstimate(-1, s.rttMillis(), s.jitterMillis(), s.lossRatio(), eff, age);
    }

    /** Changes whenever anything in the store changes; cheap to poll. */
    public long generation() {
        return generation;
    }

    public int size() {
        return table.size();
    }

    public long evictions() {
        return evictions;
    }

    // ---------------------------------------------------------------- writes (serialized)

    public void record(MeasurementBatch batch, long nowMillis) {
        writeLock.lock();
        try {
            int site = registerSite(batch.siteId());
            for (PrefixMeasurement m : batch.measurements()) {
                recordLocked(site, m, nowMillis);
            }
            generation++;
        } finally {
            writeLock.unlock();
        }
    }

    public void record(String siteId, PrefixMeasurement m, long nowMillis) {
        writeLock.lock();
        try {
            recordLocked(registerSite(siteId), m, nowMillis);
            generation++;
        } finally {
            writeLock.unlock();
        }
    }

    /** Removes entries not updated for the expiry time; returns how many. */
    public int sweep(long nowMillis) {
        writeLock.lock();
        try {
            PrefixTable t = table;
            int removed = 0;
            int cutoff = second(nowMillis - settings.expireAfterMillis());
            for (int i = 0; i < t.capacity(); i++) {
                PrefixEntry e = t.liveAt(i);
                if (e != null && e.newestSecond() < cutoff) {
                    t.remove(e.bits, e.meta);
                    removed++;
                }
            }
            if (t.tombstones() > t.capacity() / 4) {
                rebuild(t.capacity());
            }
            if (removed > 0) {
                generation++;
            }
            return removed;
        } finally {
            writeLock.unlock();
        }
    }

    private void recordLocked(int site, PrefixMeasurement m, long nowMillis) {
        ClientPrefix key = clientKey(m.prefix());
        int sec = second(nowMillis);
        update(key, site, m, sec);
        int rollup = settings.rollupLength(key.ipv6());
        if (rollup > 0 && key.length() > rollup) {
            update(key.truncate(rollup), site, m, sec);
        }
        SiteAggregate[] a = aggregates;
        SiteAggregate old = a[site] == null ? SiteAggregate.NONE : a[site];
        SiteAggregate[] copy = a.clone();
        copy[site] = old.with(m.rttMillis(), m.jitterMillis(), m.lossRatio(), m.sampleCount(), nowMillis,
                settings.halfLifeMillis(), AGGREGATE_MAX_WEIGHT);
        aggregates = copy;
    }

    private void update(ClientPrefix key, int site, PrefixMeasurement m, int sec) {
        if (key.length() == 0) {
            return; // a /0 "prefix" says nothing about the client; the site aggregate covers it
        }
        int meta = PrefixEntry.meta(key.ipv6(), key.length());
        PrefixTable t = table;
        PrefixEntry old = t.get(key.hi(), meta);
        if (old == null) {
            t = ensureRoomForInsert();
            old = PrefixEntry.empty(key.hi(), meta);
            long bit = 1L << (key.length() - 1);
            if (key.ipv6()) {
                ipv6Lengths |= bit;
            } else {
                ipv4Lengths |= bit;
            }
        }
        t.put(old.with(site, m.rttMillis(), m.jitterMillis(), m.lossRatio(), m.sampleCount(), sec,
                settings.halfLifeMillis(), settings.maxWeight()));
    }

    private PrefixTable ensureRoomForInsert() {
        PrefixTable t = table;
        while (t.size() >= settings.maxPrefixes()) {
            evictOne(t);
        }
        if (t.loadAfterInsert() > MAX_LOAD) {
            boolean mostlyLive = t.size() + 1.0 > t.capacity() * MAX_LOAD / 2;
            t = rebuild(mostlyLive ? t.capacity() * 2 : t.capacity());
        }
        return t;
    }

    /** Sampled least-recently-updated eviction: cheap, needs no LRU list, good enough for a cache of estimates. */
    private void evictOne(PrefixTable t) {
        PrefixEntry victim = null;
        int start = evictionRandom.nextInt(t.capacity());
        int seen = 0;
        for (int i = 0; i < t.capacity() && seen < EVICTION_SAMPLE; i++) {
            PrefixEntry e = t.liveAt(start + i);
            if (e != null) {
                seen++;
                if (victim == null || e.newestSecond() < victim.newestSecond()) {
                    victim = e;
                }
            }
        }
        if (victim == null) {
            throw new IllegalStateException("eviction found no entry in a full table");
        }
        t.remove(victim.bits, victim.meta);
        evictions++;
    }

    private PrefixTable rebuild(int capacity) {
        PrefixTable old = table;
        PrefixTable fresh = new PrefixTable(capacity);
        for (int i = 0; i < old.capacity(); i++) {
            PrefixEntry e = old.liveAt(i);
            if (e != null) {
                fresh.put(e);
            }
        }
        table = fresh; // readers holding the old table still see consistent, merely older, data
        return fresh;
    }

    private int registerSite(String siteId) {
        Integer i = siteIndex.get(siteId);
        if (i != null) {
            return i;
        }
        int next = siteIndex.size();
        aggregates = Arrays.copyOf(aggregates, next + 1);
        siteIndex.put(siteId, next);
        return next;
    }

    private int second(long millis) {
        long s = (millis - originMillis) / 1000;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, s));
    }
}
