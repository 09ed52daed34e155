package net.voicegslb.gslb.policy.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.model.RankingParameters;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.support.Fixtures;
import net.voicegslb.gslb.policy.telemetry.HealthFlag;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.WireProtocol;
import org.junit.jupiter.api.Test;

class NodeHealthTest {
    private final Inventory inv = Fixtures.world(RankingParameters.defaults(), "fra", "ams");
    private final HealthRegistry health = new HealthRegistry(inv, HealthSettings.defaults(), 0);
    private long seq;

    private List<HealthTransition> beat(String node, long now, HealthFlag... flags) {
        return health.onHeartbeat(new NodeHeartbeat(WireProtocol.VERSION, node, ++seq, Set.of(flags), 10, 5, 500, 0.2), now);
    }

    @Test
    void startsDownAndNeedsRiseGoodHeartbeats() {
        assertThat(health.site("fra").state()).isEqualTo(HealthState.DOWN);
        assertThat(beat("fra-1", 1000)).isEmpty();
        assertThat(beat("fra-1", 2000)).isEmpty();
        List<HealthTransition> t = beat("fra-1", 3000);
        assertThat(t).singleElement().satisfies(tr -> {
            assertThat(tr.from()).isEqualTo(HealthState.DOWN);
            assertThat(tr.to()).isEqualTo(HealthState.UP);
            assertThat(tr.atMillis()).isEqualTo(3000);
            assertThat(tr.reason()).contains("healthy");
        });
        assertThat(health.site("fra").state()).isEqualTo(HealthState.UP);
        assertThat(health.site("fra").liveNodes()).extracting(n -> n.id()).containsExactly("fra-1");
    }

    @Test
    void heartbeatTimeoutTakesNodeDownWithReason() {
        for (int i = 1; i <= 3; i++) {
            beat("fra-1", i * 1000L);
        }
        assertThat(health.tick(17_000)).isEmpty(); // 14 s since last beat: within 15 s
        List<HealthTransition> t = health.tick(18_001);
        assertThat(t).singleElement().satisfies(tr -> {
            assertThat(tr.to()).isEqualTo(HealthState.DOWN);
            assertThat(tr.reason()).contains("heartbeat timeout");
        });
        assertThat(health.history("fra-1")).hasSize(2);
    }

    @Test
    void readersSeeTimeoutBeforeAnyTick() {
        for (int i = 1; i <= 3; i++) {
            beat("fra-1", i * 1000L);
        }
        assertThat(health.siteAt("fra", 10_000).state()).isEqualTo(HealthState.UP);
        assertThat(health.siteAt("fra", 18_001).state()).isEqualTo(HealthState.DOWN);
    }

    @Test
    void lateHeartbeatAfterOutageRecordsTheOutageAndRisesAgain() {
        for (int i = 1; i <= 3; i++) {
            beat("fra-1", i * 1000L);
        }
        List<HealthTransition> t = beat("fra-1", 60_000);
        assertThat(t).extracting(HealthTransition::to).containsExactly(HealthState.DOWN);
        beat("fra-1", 61_000);
        assertThat(beat("fra-1", 62_000)).extracting(HealthTransition::to).containsExactly(HealthState.UP);
    }

    @Test
    void fatalSelfReportIsImmediateDegradedFlagsDegrade() {
        for (int i = 1; i <= 3; i++) {
            beat("fra-1", i * 1000L);
        }
        assertThat(beat("fra-1", 4000, HealthFlag.OVERLOADED)).extracting(HealthTransition::to)
                .containsExactly(HealthState.DEGRADED);
        assertThat(health.site("fra").state()).isEqualTo(HealthState.DEGRADED);
        List<HealthTransition> t = beat("fra-1", 5000, HealthFlag.SIP_STACK_DOWN);
        assertThat(t).singleElement().satisfies(tr -> {
            assertThat(tr.to()).isEqualTo(HealthState.DOWN);
            assertThat(tr.reason()).contains("SIP_STACK_DOWN");
        });
    }

    @Test
    void sipChecksFallAfterThresholdAndRiseAfterThreshold() {
        for (int i = 1; i <= 3; i++) {
            beat("fra-1", i * 1000L);
        }
        assertThat(health.onSipCheck("fra-1", SipTransport.UDP, false, "timeout", 3100)).isEmpty(); // one lost probe: no flap
        assertThat(health.onSipCheck("fra-1", SipTransport.UDP, true, "200 OK", 3200)).isEmpty();
        assertThat(health.onSipCheck("fra-1", SipTransport.UDP, false, "timeout", 3300)).isEmpty();
        List<HealthTransition> down = health.onSipCheck("fra-1", SipTransport.UDP, false, "503 Service Unavailable", 3400);
        assertThat(down).singleElement().satisfies(tr -> assertThat(tr.reason()).contains("503"));
        assertThat(health.onSipCheck("fra-1", SipTransport.UDP, true, "200 OK", 3500)).isEmpty();
        assertThat(health.onSipCheck("fra-1", SipTransport.UDP, true, "200 OK", 3600)).isEmpty();
        assertThat(health.onSipCheck("fra-1", SipTransport.UDP, true, "200 OK", 3700)).extracting(HealthTransition::to)
                .containsExactly(HealthState.UP);
    }

    @Test
    void siteCapacityFollowsServingNodes() {
        for (int i = 1; i <= 3; i++) {
            beat("fra-1", i * 1000L);
            beat("fra-2", i * 1000L);
        }
        assertThat(health.site("fra").healthyCapacityCalls()).isEqualTo(1000.0);
        health.onHeartbeat(new NodeHeartbeat(WireProtocol.VERSION, "fra-2", ++seq, Set.of(HealthFlag.SHUTTING_DOWN),
                0, 0, 0, 0), 4000);
        SiteHealth fra = health.site("fra");
        assertThat(fra.healthyCapacityCalls()).isEqualTo(500.0);
        assertThat(fra.activeCalls()).isEqualTo(10);
        assertThat(fra.utilization()).isEqualTo(0.2); // load 0.2 > 10 calls / 500
        assertThat(fra.state()).isEqualTo(HealthState.UP);
    }

    @Test
    void generationMovesOnlyOnMaterialChange() {
        beat("fra-1", 1000);
        long g = health.generation();
        beat("fra-1", 1500); // still recovering, nothing served changed
        assertThat(health.generation()).isEqualTo(g);
        beat("fra-1", 2000);
        assertThat(health.generation()).isGreaterThan(g);
    }

    @Test
    void unknownNodeIsRejected() {
        assertThatThrownBy(() -> beat("nope", 1)).hasMessageContaining("unknown node");
    }
}
