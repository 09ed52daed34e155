package net.voicegslb.gslb.policy.bench;

import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.store.MeasurementStore;
import net.voicegslb.gslb.policy.store.PrefixEntry;
import net.voicegslb.gslb.policy.store.StoreSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Longest-prefix lookup in a store of 1,000,000 client /24s x 4 sites (plus their /16 roll-ups):
 * the per-site call {@code rank()} makes for every query.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PrefixStoreBench {
    private static final int CLIENTS = 1 << 16;

    @Param({"1000000"})
    public int prefixes;

    private MeasurementStore store;
    private ClientPrefix[] keys;
    private ClientPrefix[] hosts;
    private int siteIndex;
    private int next;

    @Setup
    public void setUp() {
        store = new MeasurementStore(StoreSettings.defaults(), 0);
        ClientPrefix[] p = BenchWorld.randomSlash24s(prefixes, 1);
        BenchWorld.fill(store, p, 1000);
        ClientPrefix[] clients = BenchWorld.clientsIn(p, CLIENTS, 2);
        hosts = clients;
        keys = new ClientPrefix[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            keys[i] = store.clientKey(clients[i]);
        }
        siteIndex = store.siteIndex("lon");
    }

    /** Client key already cut to /24, as rank() has it. */
    @Benchmark
    public PrefixEntry longestMatch() {
        ClientPrefix k = keys[next++ & (CLIENTS - 1)];
        return store.longestMatch(k, siteIndex, 2000);
    }

    /** Starting from a /32 host address, including the cut to the aggregation length. */
    @Benchmark
    public PrefixEntry clientKeyAndLongestMatch() {
        ClientPrefix k = store.clientKey(hosts[next++ & (CLIENTS - 1)]);
        return store.longestMatch(k, siteIndex, 2000);
    }
}
