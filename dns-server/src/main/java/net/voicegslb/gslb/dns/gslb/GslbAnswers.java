package net.voicegslb.gslb.dns.gslb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import net.voicegslb.gslb.dns.answer.DynamicAnswer;
import net.voicegslb.gslb.dns.answer.DynamicName;
import net.voicegslb.gslb.dns.config.AnswerSettings;
import net.voicegslb.gslb.policy.PolicyEngine;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.rank.Ranking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-client dynamic answers, precomputed and keyed by decision prefix. The query path finds the
 * client's decision prefix ({@link DecisionPrefixes}: the longest measured prefix covering it; /0
 * for everyone nobody measured), looks it up in an immutable table and sends the stored bytes: no
 * lock, no ranking. So random ECS prefixes from one attacker all land on the same few entries.
 *
 * <p>The table is rebuilt by {@link #refresh} (one background thread) whenever the policy's answer
 * set moves (health, config, a hysteresis switch) and at a bounded pace while measurements move, for
 * every decision prefix asked for recently. A decision prefix seen for the first time, or an answer
 * that expired before the refresher got to it, is ranked on the event loop only while the shared
 * {@link RankingBudget} allows; beyond it the client gets the site-wide stopgap answer (transition
 * TTL, its own scope) and the refresher ranks it within a refresh period. The table holds at most
 * {@code answers.max_clients} entries and evicts the least recently asked.
 */
public final class GslbAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(GslbAnswers.class);
    /** Entries not asked for this long leave the table. */
    private static final long IDLE_KEY_MILLIS = 10 * 60_000L;
    /** Arrivals waiting for the refresher; more are dropped (they come again with the next query). */
    private static final int MAX_PENDING = 4_096;
    /**
     * Arrivals ranked per refresh (every 20 ms): the refresher shares its thread with the health tick,
     * and failover must not wait behind a flood of newcomers.
     */
    private static final int MAX_ARRIVALS_PER_REFRESH = 1_000;
    /** Decision key flag: the client's own key is the decision prefix (ranked as exact evidence). */
    private static final long EXACT = 1L << 16;
    private static final ClientPrefix ANYONE = new ClientPrefix(false, 0, 0, 0);

    private final PolicyEngine engine;
    private final DynamicAnswerBuilder builder;
    private final AnswerSettings settings;
    private final LongSupplier clock;
    private final int slotCount;
    private final DecisionPrefixes decisions;
    private final RankingBudget budget;
    private final AnswerTableCounters counters;
    private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();

    private volatile Snapshot snapshot;
    // Refresher state: one thread only.
    private long builtAnswerGeneration = Long.MIN_VALUE;
    private long builtMeasurementGeneration = Long.MIN_VALUE;
    private long lastBuildMillis;
    private long earliestExpiry = Long.MAX_VALUE;
    private long refreshes;

    /** What the query path reads: the table, the stopgap answers by slot, the sites that have measurements. */
    private record Snapshot(VariantTable table, ClientAnswer[] stopgaps, int[] siteIndices) {}

    /** A client whose decision prefix had no answer for a slot; {@code answer} when the loop ranked it. */
    private record Arrival(long k1, long k2, long repK1, long repK2, int slot, ClientAnswer answer) {}

    private record Key(long k1, long k2) {}

    public GslbAnswers(PolicyEngine engine, DynamicAnswerBuilder builder, AnswerSettings settings, int slotCount,
                       DecisionPrefixes decisions, AnswerTableCounters counters, LongSupplier clock) {
        this.engine = engine;
        this.builder = builder;
        this.settings = settings;
        this.slotCount = slotCount;
        this.decisions = decisions;
        this.counters = counters;
        this.clock = clock;
        this.budget = new RankingBudget(settings.loopRankingsPerSecond());
        this.snapshot = new Snapshot(VariantTable.EMPTY, new ClientAnswer[slotCount], new int[0]);
    }

    /** The answer for one query; called on event loops. */
    public ClientAnswer answer(DynamicAnswer marker, ClientKey key, long nowMillis) {
        return answer(marker, key, nowMillis, null);
    }

    /**
     * The answer for one query; called on event loops.
     *
     * @param tally where to count this query (the caller samples), or null
     */
    public ClientAnswer answer(DynamicAnswer marker, ClientKey key, long nowMillis, QueryTally tally) {
        Snapshot s = snapshot;
        ClientPrefix client = key.prefix();
        int length = decisions.length(client, s.siteIndices(), nowMillis);
        long k1 = (key.k1() & ~0xFFL) | length | (length == key.length() ? EXACT : 0);
        long k2 = key.k2() & ClientPrefix.maskHi(length);
        ClientAnswer a = answer(s, marker, key, client, k1, k2, nowMillis);
        if (tally != null) {
            tally.sampled(k1, k2, a);
        }
        return a;
    }

    private ClientAnswer answer(Snapshot s, DynamicAnswer marker, ClientKey key, ClientPrefix client, long k1, long k2,
                                long nowMillis) {
        int slot = marker.slot();
        ClientVariant v = s.table().get(k1, k2);
        if (v != null) {
            if (!v.hit) {
                v.hit = true;
            }
            ClientAnswer a = v.slots[slot];
            if (a != null && nowMillis < a.validUntilMillis()) {
                return a;
            }
            if (budget.tryTake(nowMillis)) {
                a = compute(marker.name(), marker.qtype(), ClientKey.prefix(v.repK1, v.repK2), nowMillis);
                v.slots[slot] = a;
                return a;
            }
            counters.deferred();
            offer(new Arrival(k1, k2, v.repK1, v.repK2, slot, null));
            // An expired answer is at most one refresh period old: the refresher is due at its expiry.
            return a != null ? a : stopgap(s, marker, nowMillis);
        }
        if (budget.tryTake(nowMillis)) {
            ClientAnswer a = compute(marker.name(), marker.qtype(), client, nowMillis);
            offer(new Arrival(k1, k2, key.k1(), key.k2(), slot, a));
            return a;
        }
        counters.deferred();
        offer(new Arrival(k1, k2, key.k1(), key.k2(), slot, null));
        return stopgap(s, marker, nowMillis);
    }

    private void offer(Arrival a) {
        if (queued.get() < MAX_PENDING) {
            queued.incrementAndGet();
            arrivals.add(a);
        }
    }

    private ClientAnswer stopgap(Snapshot s, DynamicAnswer marker, long nowMillis) {
        ClientAnswer a = s.stopgaps()[marker.slot()];
        if (a == null) { // only before the first refresh
            DynamicName name = marker.name();
            a = builder.buildStopgap(name, marker.qtype(), engine.rank(name.service(), ANYONE, name.tenant(), nowMillis),
                    nowMillis);
        }
        return a;
    }

    private ClientAnswer compute(DynamicName name, int qtype, ClientPrefix client, long nowMillis) {
        Ranking r = engine.rank(name.service(), client, name.tenant(), nowMillis);
        return builder.build(name, qtype, r, nowMillis);
    }

    /**
     * Rebuilds the table when something moved; call every few tens of milliseconds from one thread.
     *
     * @param names the dynamic names, to find each slot's name and type
     * @return true when a new table was published
     */
    public boolean refresh(SlotIndex names) {
        long now = clock.getAsLong();
        long answerGen = engine.answerSetGeneration();
        long measurementGen = engine.measurementGeneration();
        Snapshot old = snapshot;
        int[] sites = decisions.siteIndices(engine.inventory().sites());
        boolean paced = measurementGen != builtMeasurementGeneration
                && now - lastBuildMillis >= settings.refreshInterval().toMillis();
        boolean full = answerGen != builtAnswerGeneration || now >= earliestExpiry || paced
                || !Arrays.equals(sites, old.siteIndices());
        if (!full && arrivals.isEmpty()) {
            return false;
        }
        // Only arrivals and nothing moved: keep the existing answers as they are, rank the newcomers.
        Map<Key, ClientVariant> next = new HashMap<>();
        Map<Key, boolean[]> wanted = new HashMap<>();
        long expiry = full ? Long.MAX_VALUE : earliestExpiry;
        for (ClientVariant v : old.table().all()) {
            long lastHit = v.hit ? now : v.lastHitMillis;
            if (now - lastHit > IDLE_KEY_MILLIS) {
                continue;
            }
            Key k = new Key(v.k1, v.k2);
            if (!full) {
                v.lastHitMillis = lastHit;
                v.hit = false;
                next.put(k, v);
                continue;
            }
            // Measurements came or aged: clients of this prefix may now be decided elsewhere.
            if (decisions.length(ClientKey.prefix(v.repK1, v.repK2), sites, now) != v.length()) {
                continue;
            }
            ClientVariant fresh = new ClientVariant(v.k1, v.k2, v.repK1, v.repK2, slotCount, lastHit);
            next.put(k, fresh);
            boolean[] w = new boolean[slotCount];
            for (int i = 0; i < slotCount; i++) {
                w[i] = v.slots[i] != null;
            }
            wanted.put(k, w);
        }
        expiry = Math.min(expiry, takeArrivals(next, wanted, full, now));
        Map<String, Ranking> rankings = new HashMap<>();
        for (var e : wanted.entrySet()) {
            ClientVariant v = next.get(e.getKey());
            boolean[] w = e.getValue();
            ClientPrefix client = ClientKey.prefix(v.repK1, v.repK2);
            rankings.clear();
            for (int slot = 0; slot < slotCount; slot++) {
                if (w[slot]) {
                    ClientAnswer a = rank(names, slot, client, rankings, now, false);
                    v.slots[slot] = a;
                    expiry = Math.min(expiry, a.validUntilMillis());
                }
            }
        }
        ClientAnswer[] stopgaps = old.stopgaps();
        if (full || stopgaps.length == 0 || stopgaps[0] == null) {
            stopgaps = new ClientAnswer[slotCount];
            rankings.clear();
            for (int slot = 0; slot < slotCount; slot++) {
                stopgaps[slot] = rank(names, slot, ANYONE, rankings, now, true);
                expiry = Math.min(expiry, stopgaps[slot].validUntilMillis());
            }
        } else {
            for (ClientAnswer a : stopgaps) {
                expiry = Math.min(expiry, a.validUntilMillis());
            }
        }
        snapshot = new Snapshot(new VariantTable(new ArrayList<>(next.values())), stopgaps, sites);
        if (full) {
            builtAnswerGeneration = answerGen;
            builtMeasurementGeneration = measurementGen;
            lastBuildMillis = now;
        }
        earliestExpiry = expiry;
        refreshes++;
        if (LOG.isDebugEnabled()) {
            LOG.debug("dynamic answers rebuilt for {} decision prefixes (generation {})", next.size(), answerGen);
        }
        return true;
    }

    /**
     * Files up to {@link #MAX_ARRIVALS_PER_REFRESH} arrivals into {@code next}: a loop's answer is kept
     * when nothing moved since, otherwise the slot is marked wanted. Returns the earliest expiry of the
     * answers kept.
     */
    private long takeArrivals(Map<Key, ClientVariant> next, Map<Key, boolean[]> wanted, boolean full, long now) {
        long expiry = Long.MAX_VALUE;
        PriorityQueue<ClientVariant> byAge = null;
        Arrival arrival;
        for (int taken = 0; taken < MAX_ARRIVALS_PER_REFRESH && (arrival = arrivals.poll()) != null; taken++) {
            queued.decrementAndGet();
            Key k = new Key(arrival.k1(), arrival.k2());
            ClientVariant v = next.get(k);
            if (v == null) {
                if (next.size() >= settings.maxClientKeys()) {
                    if (byAge == null) {
                        byAge = new PriorityQueue<>(Math.max(1, next.size()),
                                Comparator.comparingLong((ClientVariant c) -> c.lastHitMillis));
                        byAge.addAll(next.values());
                    }
                    evictLeastRecentlyAsked(next, wanted, byAge);
                }
                v = new ClientVariant(arrival.k1(), arrival.k2(), arrival.repK1(), arrival.repK2(), slotCount, now);
                next.put(k, v);
                if (byAge != null) {
                    byAge.add(v);
                }
            }
            int slot = arrival.slot();
            ClientAnswer a = v.slots[slot];
            if (a != null && now < a.validUntilMillis()) {
                continue; // answered meanwhile
            }
            ClientAnswer fromLoop = arrival.answer();
            if (!full && fromLoop != null && now < fromLoop.validUntilMillis()) {
                v.slots[slot] = fromLoop;
                expiry = Math.min(expiry, fromLoop.validUntilMillis());
                continue;
            }
            wanted.computeIfAbsent(k, x -> new boolean[slotCount])[slot] = true;
        }
        return expiry;
    }

    private void evictLeastRecentlyAsked(Map<Key, ClientVariant> next, Map<Key, boolean[]> wanted,
                                         PriorityQueue<ClientVariant> byAge) {
        ClientVariant victim;
        while ((victim = byAge.poll()) != null) {
            Key k = new Key(victim.k1, victim.k2);
            if (next.get(k) == victim) {
                next.remove(k);
                wanted.remove(k);
                counters.evicted();
                return;
            }
        }
    }

    /** One slot's answer for {@code client}; one ranking per (service, tenant) shared by a name family's slots. */
    private ClientAnswer rank(SlotIndex names, int slot, ClientPrefix client, Map<String, Ranking> rankings, long now,
                              boolean stopgap) {
        DynamicName name = names.name(slot);
        int qtype = names.type(slot);
        String rk = name.service() + "|" + name.tenant();
        Ranking r = rankings.computeIfAbsent(rk, x -> engine.rank(name.service(), client, name.tenant(), now));
        return stopgap ? builder.buildStopgap(name, qtype, r, now) : builder.build(name, qtype, r, now);
    }

    /** Entries of the table: decision prefixes with precomputed answers. */
    public int clientKeys() {
        return snapshot.table().size();
    }

    public long refreshes() {
        return refreshes;
    }

    /** Slot number to (name, type): built once per config. */
    public static final class SlotIndex {
        private final DynamicName[] names;
        private final int[] types;

        public SlotIndex(DynamicNames dynamic) {
            names = new DynamicName[dynamic.slotCount()];
            types = new int[dynamic.slotCount()];
            for (DynamicName d : dynamic.byName().values()) {
                for (int t : d.types()) {
                    names[d.slot(t)] = d;
                    types[d.slot(t)] = t;
                }
            }
        }

        DynamicName name(int slot) {
            return names[slot];
        }

        int type(int slot) {
            return types[slot];
        }

        List<Integer> slots() {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                out.add(i);
            }
            return out;
        }
    }
}
