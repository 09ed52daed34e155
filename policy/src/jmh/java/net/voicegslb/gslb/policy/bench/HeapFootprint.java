package net.voicegslb.gslb.policy.bench;

import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.store.MeasurementStore;
import net.voicegslb.gslb.policy.store.StoreSettings;

/**
 * Measures the retained heap of a measurement store holding N client /24s x 4 sites: used heap
 * after repeated full GCs, before and after filling, with the input prefixes released first.
 * Not a benchmark and not a test; run it by hand (see policy/README.md).
 */
public final class HeapFootprint {
    private HeapFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long before = settledUsedHeap();
        MeasurementStore store = new MeasurementStore(StoreSettings.defaults(), 0);
        ClientPrefix[] prefixes = BenchWorld.randomSlash24s(count, 1);
        BenchWorld.fill(store, prefixes, 1000);
        prefixes = null; // only the store should remain reachable
        long after = settledUsedHeap();
        long bytes = after - before;
        System.out.printf("prefixes filed: %d client /24s + roll-ups = %d entries, %d sites each%n", count,
                store.size(), BenchWorld.SITES.size());
        System.out.printf("retained heap: %.1f MiB (%.0f bytes per entry)%n", bytes / 1048576.0,
                (double) bytes / store.size());
        if (store.siteIndex("nyc") < 0) {
            throw new IllegalStateException("store lost a site"); // keeps 'store' reachable until here
        }
    }

    private static long settledUsedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
