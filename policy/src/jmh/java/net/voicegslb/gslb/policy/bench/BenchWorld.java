package net.voicegslb.gslb.policy.bench;

import java.util.List;
import java.util.SplittableRandom;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.store.MeasurementStore;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;

/** Deterministic fill data shared by the benchmarks and the heap measurement. */
final class BenchWorld {
    static final List<String> SITES = List.of("fra", "ams", "lon", "nyc");

    private BenchWorld() {
    }

    /** {@code count} distinct random IPv4 /24 prefixes (from a seeded generator). */
    static ClientPrefix[] randomSlash24s(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        java.util.BitSet used = new java.util.BitSet(1 << 24);
        ClientPrefix[] out = new ClientPrefix[count];
        int n = 0;
        while (n < count) {
            int p = rnd.nextInt(1 << 24);
            if (!used.get(p)) {
                used.set(p);
                out[n++] = new ClientPrefix(false, ((long) p << 8) << 32, 0, 24);
            }
        }
        return out;
    }

    /** One measurement per (prefix, site), as a full agent snapshot would deliver. */
    static void fill(MeasurementStore store, ClientPrefix[] prefixes, long now) {
        SplittableRandom rnd = new SplittableRandom(7);
        for (ClientPrefix p : prefixes) {
            for (String site : SITES) {
                store.record(site, new PrefixMeasurement(p, MeasurementSource.RTP, 10 + rnd.nextInt(300),
                        rnd.nextInt(20), rnd.nextInt(30) / 1000.0, 50), now);
            }
        }
    }

    /** Host addresses inside the given prefixes, so lookups hit the exact /24. */
    static ClientPrefix[] clientsIn(ClientPrefix[] prefixes, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ClientPrefix[] out = new ClientPrefix[count];
        for (int i = 0; i < count; i++) {
            ClientPrefix p = prefixes[rnd.nextInt(prefixes.length)];
            out[i] = new ClientPrefix(false, p.hi() | ((long) (1 + rnd.nextInt(254)) << 32), 0, 32);
        }
        return out;
    }
}
