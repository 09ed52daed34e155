package net.voicegslb.gslb.policy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;
import org.junit.jupiter.api.Test;

class MeasurementStoreTest {
    private final MeasurementStore store = new MeasurementStore(StoreSettings.defaults(), 0);

    private static PrefixMeasurement m(String prefix, double rtt, double jitter, double loss, int n) {
        return new PrefixMeasurement(ClientPrefix.parse(prefix), MeasurementSource.RTP, rtt, jitter, loss, n);
    }

    private PrefixEntry lookup(String client, String site, long now) {
        return store.longestMatch(store.clientKey(ClientPrefix.parse(client)), store.siteIndex(site), now);
    }

    @Test
    void hostAddressFindsItsAggregatedPrefix() {
        store.record("fra", m("192.0.2.0/24", 30, 2, 0.01, 10), 1000);
        PrefixEntry e = lookup("192.0.2.200", "fra", 2000);
        assertThat(e).isNotNull();
        assertThat(e.length()).isEqualTo(24);
        assertThat(e.rttMillis(store.siteIndex("fra"))).isCloseTo(30, within(1e-3));
        assertThat(lookup("192.0.3.1", "fra", 2000).length()).isEqualTo(16); // roll-up covers the neighbour
        assertThat(lookup("192.1.0.1", "fra", 2000)).isNull();
    }

    @Test
    void measurementMoreSpecificThanAggregationIsFiledUnderAggregation() {
        store.record("fra", m("2001:db8:1:2:3::/80", 40, 3, 0, 10), 0);
        PrefixEntry e = lookup("2001:db8:1:ffff::1", "fra", 0);
        assertThat(e.length()).isEqualTo(48);
        assertThat(e.ipv6()).isTrue();
        assertThat(lookup("2001:db8:2::1", "fra", 0).length()).isEqualTo(32);
    }

    @Test
    void eachSiteUsesItsOwnLongestMatch() {
        store.record("fra", m("198.51.100.0/24", 20, 1, 0, 10), 0);
        store.record("ams", m("198.51.7.0/24", 35, 1, 0, 10), 0);
        assertThat(lookup("198.51.100.9", "fra", 0).length()).isEqualTo(24);
        assertThat(lookup("198.51.100.9", "ams", 0).length()).isEqualTo(16);
    }

    @Test
    void shortEcsPrefixDoesNotUseMoreSpecificData() {
        store.record("fra", m("203.0.113.0/24", 20, 1, 0, 10), 0);
        assertThat(lookup("203.0.0.0/16", "fra", 0).length()).isEqualTo(16);
        assertThat(lookup("203.0.0.0/8", "fra", 0)).isNull();
    }

    @Test
    void stepChangeMovesAverageAtLeastByBatchShare() {
        for (int i = 0; i < 50; i++) {
            store.record("fra", m("192.0.2.0/24", 20, 1, 0, 20), i * 5000L);
        }
        store.record("fra", m("192.0.2.0/24", 220, 1, 0, 25), 250_000);
        double rtt = lookup("192.0.2.1", "fra", 250_000).rttMillis(store.siteIndex("fra"));
        // History is capped at 25 samples, so 25 new ones carry at least half the weight.
        assertThat(rtt).isGreaterThanOrEqualTo(120 - 1e-3).isLessThan(220);
    }

    @Test
    void oldDataDecaysUntilUnusable() {
        store.record("fra", m("192.0.2.0/24", 20, 1, 0, 20), 0);
        long halfLife = store.settings().halfLifeMillis();
        assertThat(lookup("192.0.2.1", "fra", halfLife)).isNotNull();
        assertThat(store.effectiveSamples(lookup("192.0.2.1", "fra", halfLife), 0, halfLife)).isCloseTo(10, within(0.1));
        // 20 samples fall under 3 after log2(20/3) = 2.74 half-lives.
        assertThat(lookup("192.0.2.1", "fra", 3 * halfLife)).isNull();
        assertThat(store.siteAggregate(0, 3 * halfLife)).isNull();
        assertThat(store.siteAggregate(0, 0)).isNotNull();
    }

    @Test
    void siteAggregateAveragesAllPrefixes() {
        store.record("fra", m("192.0.2.0/24", 20, 0, 0, 10), 0);
        store.record("fra", m("198.51.100.0/24", 40, 0, 0, 10), 0);
        assertThat(store.siteAggregate(store.siteIndex("fra"), 0).rttMillis()).isCloseTo(30, within(1e-9));
        assertThat(store.siteAggregate(store.siteIndex("nowhere"), 0)).isNull();
    }

    @Test
    void boundedByMaxPrefixesEvictingStaleEntries() {
        MeasurementStore small = new MeasurementStore(StoreSettings.defaults().withMaxPrefixes(64), 0);
        for (int i = 0; i < 1000; i++) {
            small.record("fra", m("10." + (i / 256) + "." + (i % 256) + ".0/24", 20, 0, 0, 5), i * 1000L);
        }
        assertThat(small.size()).isLessThanOrEqualTo(64);
        assertThat(small.evictions()).isGreaterThan(900);
        // The most recent insert survives: eviction picks the least recently updated of a sample.
        ClientPrefix key = small.clientKey(ClientPrefix.parse("10.3.231.1"));
        assertThat(small.longestMatch(key, 0, 1_000_000)).isNotNull();
    }

    @Test
    void sweepDropsExpiredEntriesAndBumpsGeneration() {
        store.record("fra", m("192.0.2.0/24", 20, 0, 0, 10), 0);
        store.record("fra", m("198.51.100.0/24", 20, 0, 0, 10), 7 * 3_600_000L);
        long gen = store.generation();
        int removed = store.sweep(7 * 3_600_000L);
        assertThat(removed).isEqualTo(2); // 192.0.2.0/24 and its /16 roll-up
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.generation()).isGreaterThan(gen);
    }

    @Test
    void growsAndKeepsEverythingFindable() {
        for (int i = 0; i < 20_000; i++) {
            store.record("s" + (i % 4), m("10." + (i >> 8 & 255) + "." + (i & 255) + ".0/24", i % 300, 1, 0, 5), 0);
        }
        for (int i = 0; i < 20_000; i++) {
            String client = "10." + (i >> 8 & 255) + "." + (i & 255) + ".7";
            PrefixEntry e = lookup(client, "s" + (i % 4), 0);
            assertThat(e.length()).isEqualTo(24);
            assertThat(e.rttMillis(store.siteIndex("s" + (i % 4)))).isEqualTo(i % 300);
        }
    }

    @Test
    void readersNeverMissExistingKeysWhileWriterGrowsTheTable() throws Exception {
        for (int i = 0; i < 256; i++) {
            store.record("fra", m("172.16." + i + ".0/24", 10, 0, 0, 10), 0);
        }
        AtomicInteger misses = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 60_000; i++) {
                store.record("fra", m("10." + (i >> 8 & 255) + "." + (i & 255) + ".0/24", 10, 0, 0, 10), 0);
            }
        });
        for (int r = 0; r < 2; r++) {
            readers.add(new Thread(() -> {
                while (writer.isAlive()) {
                    for (int i = 0; i < 256; i++) {
                        if (lookup("172.16." + i + ".1", "fra", 0) == null) {
                            misses.incrementAndGet();
                        }
                    }
                }
            }));
        }
        writer.start();
        readers.forEach(Thread::start);
        writer.join();
        for (Thread t : readers) {
            t.join();
        }
        assertThat(misses.get()).isZero();
        assertThat(store.size()).isGreaterThan(60_000);
    }

    @Test
    void listsTheMeasuredPrefixesWithoutItsRollUps() {
        MeasurementStore store = new MeasurementStore(StoreSettings.defaults(), 0);
        store.record(MeasurementBatch.of("fra-1", "fra", 1000, java.util.List.of(
                new PrefixMeasurement(ClientPrefix.parse("192.0.2.77"), MeasurementSource.RTP, 20, 1, 0, 10),
                new PrefixMeasurement(ClientPrefix.parse("2001:db8:1::/48"), MeasurementSource.RTP, 20, 1, 0, 10))),
                1000);
        assertThat(store.prefixes(10)).containsExactlyInAnyOrder(ClientPrefix.parse("192.0.2.0/24"),
                ClientPrefix.parse("2001:db8:1::/48"));
        assertThat(store.prefixes(1)).hasSize(1);
    }
}
