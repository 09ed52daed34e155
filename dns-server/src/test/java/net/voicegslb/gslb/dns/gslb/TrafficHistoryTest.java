package net.voicegslb.gslb.dns.gslb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import org.junit.jupiter.api.Test;

class TrafficHistoryTest {

    private static final TrafficHistory.Quality GOOD = new TrafficHistory.Quality(4.3, 20, 2, 0.001);

    @Test
    @SuppressWarnings("unchecked")
    void sitePointsAreSharesOfQueriesOldestFirstAndTheRingNeverGrows() {
        TrafficHistory h = new TrafficHistory();
        for (int i = 0; i < TrafficHistory.SITE_POINTS + 25; i++) {
            h.recordSites(i * 10_000L, Map.of("fra", 30L, "nyc", 10L), Map.of("fra", GOOD, "nyc",
                    TrafficHistory.Quality.UNKNOWN), Map.of());
        }
        Map<String, Object> json = h.sitesJson();
        List<Long> t = (List<Long>) json.get("t");
        assertThat(t).hasSize(TrafficHistory.SITE_POINTS);
        assertThat(t.get(0)).isEqualTo(25 * 10_000L);
        assertThat(t.get(t.size() - 1)).isEqualTo((TrafficHistory.SITE_POINTS + 24) * 10_000L);
        assertThat((List<Double>) json.get("fra.share")).containsOnly(0.75);
        assertThat((List<Double>) json.get("nyc.share")).containsOnly(0.25);
        assertThat((List<Double>) json.get("fra.mos")).containsOnly(4.3);
        assertThat((List<Double>) json.get("nyc.mos")).as("unknown is null, not a number").containsOnly((Double) null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void noQueriesInAStepIsNoShareRatherThanZero() {
        TrafficHistory h = new TrafficHistory();
        h.recordSites(0, Map.of(), Map.of("fra", GOOD), Map.of());
        assertThat((List<Double>) h.sitesJson().get("fra.share")).containsExactly((Double) null);
        assertThat((List<Double>) h.sitesJson().get("fra.queries")).containsExactly(0.0);
    }

    @Test
    void theBusiestAreByDecayedRecentQueriesAndQuietOnesFadeOut() {
        TrafficHistory h = new TrafficHistory();
        ClientPrefix a = ClientPrefix.parse("198.51.100.0/24");
        ClientPrefix b = ClientPrefix.parse("203.0.113.0/24");
        h.recordSites(0, Map.of(), Map.of(), Map.of(a, 1_000L, b, 10L));
        assertThat(h.busiest(2)).extracting(Map.Entry::getKey).containsExactly(a, b);
        for (int i = 1; i <= 100; i++) {
            h.recordSites(i * 10_000L, Map.of(), Map.of(), Map.of(b, 50L));
        }
        assertThat(h.busiest(2)).extracting(Map.Entry::getKey).containsExactly(b);
        assertThat(h.recentQueries(b)).isCloseTo(500, org.assertj.core.data.Offset.offset(5.0));
        assertThat(h.recentQueries(a)).isZero();
    }

    @Test
    void atMostTheBusiestHundredNetworksKeepAnHourEachAndTheMapIsBounded() {
        TrafficHistory h = new TrafficHistory();
        for (int i = 0; i < TrafficHistory.MAX_TRACKED_PREFIXES + 50; i++) {
            h.recordPrefix(0, ClientPrefix.parse("10.0." + i + ".0/24"), Map.of("fra", GOOD));
        }
        assertThat(h.trackedPrefixes()).isEqualTo(TrafficHistory.MAX_TRACKED_PREFIXES);
        assertThat(h.prefixJson(ClientPrefix.parse("10.0.0.0/24"))).as("the oldest went first").isNull();
        assertThat(h.prefixJson(ClientPrefix.parse("10.0.149.0/24"))).containsEntry("prefix", "10.0.149.0/24");
    }

    @Test
    void aNetworkIsRankedForTheClientTheDnsPathRankedItsAnswersForUntilItFades() {
        TrafficHistory h = new TrafficHistory();
        ClientPrefix unmeasured = ClientPrefix.parse("0.0.0.0/0");
        ClientPrefix first = ClientPrefix.parse("192.0.2.0/24");
        h.recordSites(0, Map.of(), Map.of(), Map.of(unmeasured, 16L), Map.of(unmeasured, first));
        assertThat(h.rankedFor(unmeasured)).isEqualTo(first);
        ClientPrefix measured = ClientPrefix.parse("198.51.100.0/24");
        assertThat(h.rankedFor(measured)).as("no word from the DNS path: itself").isEqualTo(measured);
        for (int i = 1; i <= 100; i++) {
            h.recordSites(i * 10_000L, Map.of(), Map.of(), Map.of());
        }
        assertThat(h.rankedFor(unmeasured)).as("faded out with its queries").isEqualTo(unmeasured);
    }
}
