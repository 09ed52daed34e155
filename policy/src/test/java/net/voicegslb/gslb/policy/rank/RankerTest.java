package net.voicegslb.gslb.policy.rank;

import static net.voicegslb.gslb.policy.support.Lab.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.voicegslb.gslb.policy.health.HealthState;
import net.voicegslb.gslb.policy.model.AdminState;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.model.FailOpenRule;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.model.RankingParameters;
import net.voicegslb.gslb.policy.model.Tenant;
import net.voicegslb.gslb.policy.store.TopologyMap;
import net.voicegslb.gslb.policy.support.Fixtures;
import net.voicegslb.gslb.policy.support.Lab;
import net.voicegslb.gslb.policy.telemetry.HealthFlag;
import org.junit.jupiter.api.Test;

class RankerTest {
    private static final RankingParameters P = RankingParameters.defaults();

    private Lab lab(String... sites) {
        Lab lab = new Lab(Fixtures.world(P, sites));
        lab.allUp(0);
        return lab;
    }

    @Test
    void bestMeasuredQualityFirstWithExactEvidenceAndScope() {
        Lab lab = lab("fra", "ams", "lon");
        lab.measure("fra", "192.0.2.0/24", 500, 5, 0.0, 20, 3000); // long delay: Idd dominates
        lab.measure("ams", "192.0.2.0/24", 20, 2, 0.0, 20, 3000);
        lab.measure("lon", "192.0.2.0/24", 60, 2, 0.03, 20, 3000);
        Ranking r = lab.rank("192.0.2.55", 4000);
        assertThat(order(r)).containsExactly("ams", "lon", "fra");
        assertThat(r.best().evidence()).isEqualTo(EvidenceKind.EXACT_PREFIX);
        assertThat(r.scopePrefixLength()).isEqualTo(24);
        assertThat(r.dependsOnClient()).isTrue();
        assertThat(r.best().nodes()).extracting(n -> n.id()).containsExactlyInAnyOrder("ams-1", "ams-2");
        assertThat(r.failOpen()).isNull();
    }

    @Test
    void fallbacksInOrderCoveringAggregateTopologyConfigured() {
        Inventory inv = Fixtures.world(P, "fra", "ams", "lon", "nyc");
        TopologyMap topo = new TopologyMap(Map.of(ClientPrefix.parse("203.0.113.0/24"), "region-lon"));
        Lab lab = new Lab(inv, topo);
        lab.allUp(0);
        lab.measure("fra", "192.0.2.0/24", 30, 2, 0, 20, 3000);      // covers 192.0.3.x via the /16 roll-up
        lab.measure("ams", "198.51.100.0/24", 30, 2, 0, 20, 3000);   // only the aggregate helps 192.0.3.x
        Ranking r = lab.rank("192.0.3.1", 4000);
        assertThat(site(r, "fra").evidence()).isEqualTo(EvidenceKind.COVERING_PREFIX);
        assertThat(site(r, "fra").path().matched(r.clientKey())).isEqualTo(ClientPrefix.parse("192.0.0.0/16"));
        assertThat(site(r, "ams").evidence()).isEqualTo(EvidenceKind.SITE_AGGREGATE);
        assertThat(site(r, "nyc").evidence()).isEqualTo(EvidenceKind.CONFIGURED_ORDER);
        assertThat(order(r)).startsWith("fra", "ams"); // same path, aggregate penalised more
        Ranking t = lab.rank("203.0.113.9", 4000);
        assertThat(site(t, "lon").evidence()).isEqualTo(EvidenceKind.TOPOLOGY);
        assertThat(site(t, "nyc").evidence()).isEqualTo(EvidenceKind.CONFIGURED_ORDER);
        assertThat(order(t).indexOf("lon")).isLessThan(order(t).indexOf("nyc"));
    }

    @Test
    void ipv6ClientsUseTheirAggregatedPrefixAndScope() {
        Lab lab = lab("fra", "ams");
        lab.measure("fra", "2001:db8:aa::/48", 120, 4, 0.01, 100, 3000);
        lab.measure("ams", "2001:db8:aa::/48", 30, 2, 0, 100, 3000);
        Ranking r = lab.rank("2001:db8:aa:1200::/56", 4000); // ECS /56 from a resolver
        assertThat(order(r)).containsExactly("ams", "fra");
        assertThat(r.clientKey()).isEqualTo(ClientPrefix.parse("2001:db8:aa::/48"));
        assertThat(r.scopePrefixLength()).isEqualTo(48);
        assertThat(r.best().evidence()).isEqualTo(EvidenceKind.EXACT_PREFIX);
        // IPv4 clients are unaffected by IPv6 data: nothing known for their family, scope 0
        assertThat(lab.rank("192.0.2.1", 4000).scopePrefixLength()).isZero();
    }

    @Test
    void noDataMeansConfiguredOrderAndScopeZero() {
        Lab lab = lab("fra", "ams", "lon");
        Ranking r = lab.rank("192.0.2.1", 4000);
        assertThat(order(r)).containsExactly("fra", "ams", "lon");
        assertThat(r.scopePrefixLength()).isZero();
        assertThat(r.dependsOnClient()).isFalse();
    }

    @Test
    void downSiteIsExcludedAndReported() {
        Lab lab = lab("fra", "ams");
        lab.measure("fra", "192.0.2.0/24", 10, 1, 0, 20, 3000);
        lab.measure("ams", "192.0.2.0/24", 80, 1, 0, 20, 3000);
        lab.heartbeatSite("fra", 4000, 0, 0, HealthFlag.SIP_STACK_DOWN);
        Ranking r = lab.rank("192.0.2.1", 5000);
        assertThat(order(r)).containsExactly("ams");
        assertThat(r.notAnswered()).singleElement().satisfies(s -> {
            assertThat(s.siteId()).isEqualTo("fra");
            assertThat(s.eligibility()).isEqualTo(Eligibility.EXCLUDED_DOWN);
        });
        // one site left: the answer no longer depends on the client
        assertThat(r.scopePrefixLength()).isZero();
    }

    @Test
    void heartbeatTimeoutRemovesSiteEvenWithoutTick() {
        Lab lab = lab("fra", "ams");
        lab.measure("fra", "192.0.2.0/24", 10, 1, 0, 20, 3000);
        lab.measure("ams", "192.0.2.0/24", 80, 1, 0, 20, 3000);
        lab.heartbeatSite("ams", 10_000, 10, 0.1);
        assertThat(lab.rank("192.0.2.1", 10_000).best().siteId()).isEqualTo("fra");
        Ranking r = lab.rank("192.0.2.1", 17_001); // fra's last heartbeat was at 2 s
        assertThat(order(r)).containsExactly("ams");
    }

    @Test
    void drainingSitesOnlyWhenNothingElseIsUp() {
        Inventory inv = Fixtures.withAdminState(Fixtures.world(P, "fra", "ams"), "fra", AdminState.DRAIN);
        Lab lab = new Lab(inv);
        lab.allUp(0);
        lab.measure("fra", "192.0.2.0/24", 10, 1, 0, 20, 3000);
        lab.measure("ams", "192.0.2.0/24", 120, 1, 0, 20, 3000);
        Ranking r = lab.rank("192.0.2.1", 4000);
        assertThat(order(r)).containsExactly("ams");
        assertThat(r.notAnswered()).extracting(RankedSite::eligibility).containsExactly(Eligibility.DRAINING);
        lab.heartbeatSite("ams", 5000, 0, 0, HealthFlag.SHUTTING_DOWN);
        Ranking d = lab.rank("192.0.2.1", 6000);
        assertThat(order(d)).containsExactly("fra");
        assertThat(d.drainedOnly()).isTrue();
        assertThat(d.failOpen()).isNull();
        assertThat(d.notes()).anyMatch(n -> n.contains("draining"));
    }

    @Test
    void nearFullLowersRankAndFullExcludes() {
        Lab lab = lab("fra", "ams");
        lab.measure("fra", "192.0.2.0/24", 20, 1, 0, 20, 3000);
        lab.measure("ams", "192.0.2.0/24", 40, 1, 0, 20, 3000);
        assertThat(order(lab.rank("192.0.2.1", 3500))).containsExactly("fra", "ams");
        lab.heartbeatSite("fra", 4000, 480, 0.1); // 960 of 1000 calls: 96 %, near full
        Ranking near = lab.rank("192.0.2.1", 4500);
        assertThat(site(near, "fra").capacityPenalty()).isGreaterThan(0.3);
        assertThat(near.best().siteId()).isEqualTo("fra"); // hysteresis keeps fra for now ...
        Ranking later = lab.rank("192.0.2.1", 4500 + P.holdMillis());
        assertThat(later.best().siteId()).isEqualTo("ams"); // ... and lets go after the hold time
        lab.heartbeatSite("fra", 15_000, 495, 0.1); // 99 %: full
        lab.heartbeatSite("ams", 15_000, 10, 0.1);
        Ranking full = lab.rank("192.0.2.1", 15_500);
        assertThat(order(full)).containsExactly("ams");
        assertThat(full.notAnswered()).extracting(RankedSite::eligibility).containsExactly(Eligibility.EXCLUDED_FULL);
    }

    @Test
    void tenantHomeSitePreferredWithinMarginOnly() {
        Inventory inv = Fixtures.world(P, List.of(new Tenant("acme", List.of("ams"))), "fra", "ams");
        Lab lab = new Lab(inv);
        lab.allUp(0);
        lab.measure("fra", "192.0.2.0/24", 20, 1, 0, 20, 3000);
        lab.measure("ams", "192.0.2.0/24", 20, 1, 0.01, 20, 3000);  // ~0.15 MOS worse: within 0.3
        lab.measure("fra", "198.51.100.0/24", 20, 1, 0, 20, 3000);
        lab.measure("ams", "198.51.100.0/24", 20, 1, 0.05, 20, 3000); // ~0.6 MOS worse: beyond the margin
        assertThat(lab.rank("192.0.2.1", 4000).best().siteId()).isEqualTo("fra");
        assertThat(lab.rank("192.0.2.1", "acme", 4000).best().siteId()).isEqualTo("ams");
        assertThat(lab.rank("198.51.100.1", "acme", 4000).best().siteId()).isEqualTo("fra");
        lab.heartbeatSite("ams", 5000, 0, 0, HealthFlag.SIP_STACK_DOWN);
        assertThat(order(lab.rank("192.0.2.1", "acme", 6000))).containsExactly("fra");
    }

    @Test
    void hysteresisHoldsUntilMarginHeldForHoldTime() {
        Lab lab = lab("fra", "ams");
        lab.measure("fra", "192.0.2.0/24", 20, 1, 0, 20, 3000);
        lab.measure("ams", "192.0.2.0/24", 25, 1, 0, 20, 3000);
        Ranking first = lab.rank("192.0.2.1", 3000);
        assertThat(first.best().siteId()).isEqualTo("fra");
        assertThat(first.hysteresis().kind()).isEqualTo(HysteresisOutcome.Kind.INITIAL);
        // ams becomes slightly better: less than the margin, fra stays
        lab.measure("fra", "192.0.2.0/24", 60, 1, 0, 200, 4000);
        Ranking small = lab.rank("192.0.2.1", 4000);
        assertThat(site(small, "ams").sortScore()).isGreaterThan(site(small, "fra").sortScore());
        assertThat(small.best().siteId()).isEqualTo("fra");
        assertThat(small.hysteresis().kind()).isEqualTo(HysteresisOutcome.Kind.HELD_WITHIN_MARGIN);
        // fra degrades by a lot: ams leads by more than the margin, but must hold it for 10 s
        lab.measure("fra", "192.0.2.0/24", 300, 20, 0.02, 200, 5000);
        Ranking pending = lab.rank("192.0.2.1", 5000);
        assertThat(pending.best().siteId()).isEqualTo("fra");
        assertThat(pending.hysteresis().kind()).isEqualTo(HysteresisOutcome.Kind.CHALLENGER_PENDING);
        assertThat(pending.hysteresis().challenger()).isEqualTo("ams");
        assertThat(pending.validUntilMillis()).isEqualTo(15_000);
        lab.heartbeatAll(9000);
        assertThat(lab.rank("192.0.2.1", 14_999).best().siteId()).isEqualTo("fra");
        Ranking switched = lab.rank("192.0.2.1", 15_000);
        assertThat(switched.best().siteId()).isEqualTo("ams");
        assertThat(switched.hysteresis().kind()).isEqualTo(HysteresisOutcome.Kind.SWITCHED);
        // the switch itself moves the generation, so answers cached at the old one get recomputed
        assertThat(lab.engine.generation()).isGreaterThan(switched.generation());
    }

    @Test
    void challengerThatDropsBackRestartsTheHold() {
        Lab lab = lab("fra", "ams");
        lab.measure("fra", "192.0.2.0/24", 20, 1, 0, 20, 3000);
        lab.measure("ams", "192.0.2.0/24", 30, 1, 0, 20, 3000);
        lab.rank("192.0.2.1", 3000);
        lab.measure("fra", "192.0.2.0/24", 400, 1, 0, 500, 4000);
        assertThat(lab.rank("192.0.2.1", 4000).hysteresis().kind()).isEqualTo(HysteresisOutcome.Kind.CHALLENGER_PENDING);
        lab.measure("fra", "192.0.2.0/24", 20, 1, 0, 500, 8000);
        Ranking back = lab.rank("192.0.2.1", 8000);
        // the lead is gone, so is the pending challenge
        assertThat(back.hysteresis().kind()).isIn(HysteresisOutcome.Kind.STEADY, HysteresisOutcome.Kind.HELD_WITHIN_MARGIN);
        assertThat(back.best().siteId()).isEqualTo("fra");
        lab.measure("fra", "192.0.2.0/24", 400, 1, 0, 500, 9000);
        assertThat(lab.rank("192.0.2.1", 9000).best().siteId()).isEqualTo("fra");
        assertThat(lab.rank("192.0.2.1", 14_000).best().siteId()).isEqualTo("fra"); // 10 s since 4 s, but restarted at 9 s
    }

    @Test
    void failOpenRules() {
        for (FailOpenRule rule : FailOpenRule.values()) {
            Lab lab = new Lab(Fixtures.world(P.withFailOpen(rule), "fra", "ams", "lon"));
            lab.allUp(0);
            lab.measure("fra", "192.0.2.0/24", 20, 1, 0, 20, 3000);
            lab.measure("ams", "192.0.2.0/24", 60, 1, 0, 20, 3000);
            lab.measure("lon", "192.0.2.0/24", 90, 1, 0, 20, 3000);
            lab.heartbeatSite("fra", 4000, 0, 0, HealthFlag.SIP_STACK_DOWN);
            lab.heartbeatSite("lon", 5000, 0, 0, HealthFlag.SIP_STACK_DOWN);
            lab.heartbeatSite("ams", 6000, 0, 0, HealthFlag.SIP_STACK_DOWN);
            Ranking r = lab.rank("192.0.2.1", 7000);
            assertThat(r.failOpen()).isEqualTo(rule);
            assertThat(r.notes()).anyMatch(n -> n.contains("failing open by rule " + rule));
            assertThat(r.answer()).allSatisfy(s -> assertThat(s.nodes()).hasSize(2));
            switch (rule) {
                case ALL -> assertThat(order(r)).containsExactly("fra", "ams", "lon");
                case LEAST_BAD -> assertThat(order(r)).containsExactly("fra");
                case LAST_KNOWN_GOOD -> assertThat(order(r)).containsExactly("ams"); // went down last
            }
        }
    }

    @Test
    void disabledSitesStayOutEvenWhenFailingOpen() {
        Inventory inv = Fixtures.withAdminState(Fixtures.world(P.withFailOpen(FailOpenRule.ALL), "fra", "ams"), "fra",
                AdminState.DISABLED);
        Lab lab = new Lab(inv);
        lab.allUp(0);
        assertThat(order(lab.rank("192.0.2.1", 3000))).containsExactly("ams");
        lab.heartbeatSite("ams", 4000, 0, 0, HealthFlag.SIP_STACK_DOWN);
        Ranking r = lab.rank("192.0.2.1", 5000);
        assertThat(order(r)).containsExactly("ams");
        assertThat(r.failOpen()).isEqualTo(FailOpenRule.ALL);
        assertThat(site(r, "fra").eligibility()).isEqualTo(Eligibility.EXCLUDED_DISABLED);
    }

    @Test
    void degradedSiteRanksBelowEqualUpSite() {
        Lab lab = lab("fra", "ams");
        lab.measure("fra", "192.0.2.0/24", 20, 1, 0, 20, 3000);
        lab.measure("ams", "192.0.2.0/24", 22, 1, 0, 20, 3000);
        lab.heartbeatSite("fra", 3000, 10, 0.1, HealthFlag.HIGH_PACKET_LOSS);
        Ranking r = lab.rank("192.0.2.1", 3500);
        assertThat(site(r, "fra").health().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(order(r)).containsExactly("ams", "fra");
    }

    @Test
    void generationMovesWithMeasurementsAndHealth() {
        Lab lab = lab("fra", "ams");
        long g0 = lab.engine.generation();
        lab.measure("fra", "192.0.2.0/24", 20, 1, 0, 20, 3000);
        long g1 = lab.engine.generation();
        assertThat(g1).isGreaterThan(g0);
        long answerSet = lab.engine.answerSetGeneration();
        lab.heartbeatSite("fra", 4000, 0, 0, HealthFlag.SIP_STACK_DOWN);
        assertThat(lab.engine.generation()).isGreaterThan(g1);
        assertThat(lab.engine.answerSetGeneration()).isGreaterThan(answerSet);
        long measured = lab.engine.measurementGeneration();
        long answerSetAfterDown = lab.engine.answerSetGeneration();
        lab.measure("ams", "192.0.2.0/24", 20, 1, 0, 20, 4500);
        assertThat(lab.engine.answerSetGeneration()).isEqualTo(answerSetAfterDown); // measurements do not move it
        assertThat(lab.engine.measurementGeneration()).isGreaterThan(measured);
    }

    private static RankedSite site(Ranking r, String id) {
        return java.util.stream.Stream.concat(r.answer().stream(), r.notAnswered().stream())
                .filter(s -> s.siteId().equals(id)).findFirst().orElseThrow();
    }
}
