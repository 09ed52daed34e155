package net.voicegslb.gslb.policy.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;

/** The store's longest match must agree with a brute-force scan over what was recorded. */
class LongestPrefixMatchPropertyTest {

    @Provide
    Arbitrary<ClientPrefix> prefixes() {
        // A narrow address space (10.0.0.0/12-ish, 2001:db8::/44-ish) so that prefixes overlap often.
        Arbitrary<ClientPrefix> v4 = Combinators.combine(Arbitraries.integers().between(0, 15),
                        Arbitraries.integers().between(0, 255), Arbitraries.integers().between(8, 32))
                .as((a, b, len) -> ClientPrefix.parse("10." + a + "." + b + ".0/" + Math.min(len, 32)));
        Arbitrary<ClientPrefix> v6 = Combinators.combine(Arbitraries.integers().between(0, 15),
                        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(20, 80))
                .as((a, b, len) -> ClientPrefix.parse("2001:db8:" + Integer.toHexString(a) + ":" + b + "::/" + len));
        return Arbitraries.oneOf(v4, v6);
    }

    @Property(tries = 200)
    void agreesWithBruteForce(@ForAll @Size(max = 40) List<@From("prefixes") ClientPrefix> recorded,
                              @ForAll @Size(min = 1, max = 20) List<@From("prefixes") ClientPrefix> queries) {
        StoreSettings s = StoreSettings.defaults();
        MeasurementStore store = new MeasurementStore(s, 0);
        List<ClientPrefix> filed = new ArrayList<>();
        for (ClientPrefix p : recorded) {
            store.record("fra", new PrefixMeasurement(p, MeasurementSource.STAMP, 10, 1, 0, 10), 0);
            ClientPrefix key = store.clientKey(p);
            filed.add(key);
            int rollup = s.rollupLength(p.ipv6());
            if (key.length() > rollup) {
                filed.add(key.truncate(rollup));
            }
        }
        for (ClientPrefix q : queries) {
            ClientPrefix key = store.clientKey(q);
            ClientPrefix expected = null;
            for (ClientPrefix f : filed) {
                if (f.contains(key) && (expected == null || f.length() > expected.length())) {
                    expected = f;
                }
            }
            PrefixEntry got = store.longestMatch(key, store.siteIndex("fra"), 0);
            if (expected == null) {
                assertThat(got).isNull();
            } else {
                assertThat(got).isNotNull();
                assertThat(new ClientPrefix(got.ipv6(), got.bits(), 0, got.length())).isEqualTo(expected);
                assertThat(store.estimate(got, 0, 0).matched(key)).isEqualTo(expected);
            }
        }
    }
}
