package net.voicegslb.gslb.dns.gslb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Per-client dynamic answers, precomputed. The query path looks its client key up in an immutable
 * table and sends the stored bytes: no lock, no ranking. The table is rebuilt by {@link #refresh}
 * (one background thread) whenever the policy's answer set moves (health, config, a hysteresis
 * switch) and at a bounded pace while measurements move, for every client key that asked recently;
 * a key seen for the first time is answered by ranking on the spot and joins the next table.
 */
public final class GslbAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(GslbAnswers.class);
    /** Keys not asked for this long leave the table. */
    private static final long IDLE_KEY_MILLIS = 10 * 60_000L;

    private final PolicyEngine engine;
    private final DynamicAnswerBuilder builder;
    private final AnswerSettings settings;
    private final LongSupplier clock;
    private final int slotCount;
    private final ConcurrentLinkedQueue<long[]> newKeys = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();

    private volatile VariantTable table = VariantTable.EMPTY;
    // Refresher state: one thread only.
    private long builtAnswerGeneration = Long.MIN_VALUE;
    private long builtMeasurementGeneration = Long.MIN_VALUE;
    private long lastBuildMillis;
    private long earliestExpiry = Long.MAX_VALUE;
    private long refreshes;

    public GslbAnswers(PolicyEngine engine, DynamicAnswerBuilder builder, AnswerSettings settings, int slotCount,
                       LongSupplier clock) {
        this.engine = engine;
        this.builder = builder;
        this.settings = settings;
        this.slotCount = slotCount;
        this.clock = clock;
    }

    /** The answer for one query; called on event loops. */
    public ClientAnswer answer(DynamicAnswer marker, ClientKey key, long nowMillis) {
        long k1 = key.k1();
        long k2 = key.k2();
        ClientVariant v = table.get(k1, k2);
        int slot = marker.slot();
        if (v != null) {
            if (!v.hit) {
                v.hit = true;
            }
            ClientAnswer a = v.slots[slot];
            if (a == null || nowMillis >= a.validUntilMillis()) {
                a = compute(marker.name(), marker.qtype(), key.prefix(), nowMillis);
                v.slots[slot] = a;
            }
            return a;
        }
        if (queued.get() < settings.maxClientKeys()) {
            queued.incrementAndGet();
            newKeys.add(new long[] {k1, k2, slot});
        }
        return compute(marker.name(), marker.qtype(), key.prefix(), nowMillis);
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
        boolean arrivals = !newKeys.isEmpty();
        boolean due = answerGen != builtAnswerGeneration || now >= earliestExpiry || arrivals
                || (measurementGen != builtMeasurementGeneration
                        && now - lastBuildMillis >= settings.refreshInterval().toMillis());
        if (!due) {
            return false;
        }
        // Only new keys and nothing moved: keep the existing answers as they are, rank the newcomers.
        boolean full = answerGen != builtAnswerGeneration || now >= earliestExpiry
                || (measurementGen != builtMeasurementGeneration
                        && now - lastBuildMillis >= settings.refreshInterval().toMillis());
        VariantTable old = table;
        Map<Key, ClientVariant> next = new HashMap<>();
        Map<Key, boolean[]> wanted = new HashMap<>();
        long expiry = full ? Long.MAX_VALUE : earliestExpiry;
        for (ClientVariant v : old.all()) {
            long lastHit = v.hit ? now : v.lastHitMillis;
            if (now - lastHit > IDLE_KEY_MILLIS) {
                continue;
            }
            Key k = new Key(v.k1, v.k2);
            if (!full) {
                next.put(k, v);
                continue;
            }
            next.put(k, new ClientVariant(v.k1, v.k2, slotCount, lastHit));
            boolean[] w = new boolean[slotCount];
            for (int i = 0; i < slotCount; i++) {
                w[i] = v.slots[i] != null;
            }
            wanted.put(k, w);
        }
        long[] arrival;
        while ((arrival = newKeys.poll()) != null) {
            queued.decrementAndGet();
            Key k = new Key(arrival[0], arrival[1]);
            ClientVariant existing = next.get(k);
            if (existing == null && next.size() >= settings.maxClientKeys()) {
                continue;
            }
            if (existing != null && !wanted.containsKey(k)) {
                continue; // kept from the old table, answers included
            }
            next.computeIfAbsent(k, x -> new ClientVariant(x.k1, x.k2, slotCount, now));
            wanted.computeIfAbsent(k, x -> new boolean[slotCount])[(int) arrival[2]] = true;
        }
        Map<String, Ranking> rankings = new HashMap<>();
        for (var e : wanted.entrySet()) {
            ClientVariant v = next.get(e.getKey());
            boolean[] w = e.getValue();
            ClientPrefix client = ClientKey.prefix(v.k1, v.k2);
            rankings.clear();
            for (int slot = 0; slot < slotCount; slot++) {
                if (!w[slot]) {
                    continue;
                }
                DynamicName name = names.name(slot);
                int qtype = names.type(slot);
                // One ranking per (service, tenant) and key: the slots of a name family share it.
                String rk = name.service() + "|" + name.tenant();
                Ranking r = rankings.computeIfAbsent(rk, x -> engine.rank(name.service(), client, name.tenant(), now));
                ClientAnswer a = builder.build(name, qtype, r, now);
                v.slots[slot] = a;
                expiry = Math.min(expiry, a.validUntilMillis());
            }
        }
        table = new VariantTable(new ArrayList<>(next.values()));
        if (full) {
            builtAnswerGeneration = answerGen;
            builtMeasurementGeneration = measurementGen;
            lastBuildMillis = now;
        }
        earliestExpiry = expiry;
        refreshes++;
        if (LOG.isDebugEnabled()) {
            LOG.debug("dynamic answers rebuilt for {} client keys (generation {})", next.size(), answerGen);
        }
        return true;
    }

    public int clientKeys() {
        return table.size();
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

    private record Key(long k1, long k2) {}
}
