package net.voicegslb.gslb.policy.explain;

import static org.assertj.core.api.Assertions.assertThat;

import net.voicegslb.gslb.policy.model.FailOpenRule;
import net.voicegslb.gslb.policy.model.RankingParameters;
import net.voicegslb.gslb.policy.rank.EvidenceKind;
import net.voicegslb.gslb.policy.rank.HysteresisOutcome;
import net.voicegslb.gslb.policy.rank.Ranking;
import net.voicegslb.gslb.policy.support.Fixtures;
import net.voicegslb.gslb.policy.support.Lab;
import net.voicegslb.gslb.policy.telemetry.HealthFlag;
import org.junit.jupiter.api.Test;

class ExplainerTest {

    @Test
    void structuredExplanationCarriesInputsScoresHealthAndHysteresis() {
        Lab lab = new Lab(Fixtures.world(RankingParameters.defaults(), "fra", "ams", "lon"));
        lab.allUp(0);
        lab.measure("fra", "192.0.2.0/24", 30, 2, 0.001, 100, 3000);
        lab.measure("ams", "192.0.0.0/16", 80, 4, 0.01, 100, 3000);
        lab.heartbeatSite("lon", 3000, 0, 0, HealthFlag.RTP_ENGINE_DOWN);
        Ranking r = lab.rank("192.0.2.9", 4000);
        Explanation e = lab.engine.explain(r);

        assertThat(e.service()).isEqualTo(Fixtures.SERVICE);
        assertThat(e.clientKey()).isEqualTo("192.0.2.0/24");
        assertThat(e.scopePrefixLength()).isEqualTo(24);
        assertThat(e.hysteresis().kind()).isEqualTo(HysteresisOutcome.Kind.INITIAL);
        assertThat(e.sites()).extracting(SiteExplanation::siteId).containsExactly("fra", "ams", "lon");
        SiteExplanation fra = e.sites().get(0);
        assertThat(fra.position()).isEqualTo(1);
        assertThat(fra.evidence()).isEqualTo(EvidenceKind.EXACT_PREFIX);
        assertThat(fra.matchedPrefix()).isEqualTo("192.0.2.0/24");
        assertThat(fra.rttMillis()).isEqualTo(30.0);
        assertThat(fra.quality().mos()).isEqualTo(fra.predictedMos());
        assertThat(fra.quality().oneWayDelayMillis()).isEqualTo(15 + 4 + 20.0);
        SiteExplanation ams = e.sites().get(1);
        assertThat(ams.evidence()).isEqualTo(EvidenceKind.COVERING_PREFIX);
        assertThat(ams.matchedPrefix()).isEqualTo("192.0.0.0/16");
        assertThat(ams.score()).isEqualTo(ams.predictedMos() - ams.evidencePenalty());
        SiteExplanation lon = e.sites().get(2);
        assertThat(lon.position()).isZero();
        assertThat(lon.nodes()).allSatisfy(n -> assertThat(n.reason()).contains("RTP_ENGINE_DOWN"));

        String text = ExplanationText.render(e);
        assertThat(text)
                .contains("client 192.0.2.0/24")
                .contains("ECS scope /24")
                .contains("#1 fra")
                .contains("#2 ams")
                .contains("-- lon")
                .contains("EXCLUDED_DOWN")
                .contains("evidence EXACT_PREFIX 192.0.2.0/24: rtt 30.0 ms")
                .contains("E-model: T 39.0 ms")
                .contains("hysteresis INITIAL")
                .contains("self-reported unhealthy: [RTP_ENGINE_DOWN]");
        // times for people: ISO-8601 UTC with an age, never raw epoch milliseconds
        assertThat(text)
                .contains("at 1970-01-01T00:00:04Z, now")
                .contains("since 1970-01-01T00:00:03Z, 1.0 s ago")
                .doesNotContainPattern("since \\d{6,}")
                .doesNotContainPattern("age \\d+ ms");
    }

    @Test
    void failOpenIsSpelledOut() {
        Lab lab = new Lab(Fixtures.world(RankingParameters.defaults().withFailOpen(FailOpenRule.ALL), "fra", "ams"));
        Ranking r = lab.rank("192.0.2.9", 1000); // nobody has sent a heartbeat yet
        String text = lab.engine.explainText(r);
        assertThat(r.failOpen()).isEqualTo(FailOpenRule.ALL);
        assertThat(text).contains("FAIL-OPEN (ALL)").contains("failing open by rule ALL")
                .contains("no heartbeat received yet").contains("evidence CONFIGURED_ORDER");
    }
}
