package net.voicegslb.gslb.policy.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.model.RankingParameters;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.support.Fixtures;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.WireProtocol;
import org.junit.jupiter.api.Test;

class SipDrainTest {
    private static final String DETAIL = "SIP 503 Service Unavailable, Retry-After 30 s";
    private final Inventory inv = Fixtures.world(RankingParameters.defaults(), "fra", "ams");
    private final HealthRegistry health = new HealthRegistry(inv, HealthSettings.defaults(), 0);
    private long seq;

    private void beat(String node, long now) {
        health.onHeartbeat(new NodeHeartbeat(WireProtocol.VERSION, node, ++seq, Set.of(), 10, 5, 500, 0.2), now);
    }

    /** fra-1 up from 3 s on, heartbeating every second until {@code untilMillis}. */
    private void upWithBeatsUntil(long untilMillis) {
        for (long t = 1000; t <= untilMillis; t += 1000) {
            beat("fra-1", t);
        }
    }

    @Test
    void drainTakesNodeDownAtOnceWithReasonAndEndsOnTick() {
        upWithBeatsUntil(3000);
        List<HealthTransition> down = health.onSipDrain("fra-1", 33_000, DETAIL, 3000);
        assertThat(down).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(HealthState.DOWN);
            assertThat(t.reason()).isEqualTo("draining: " + DETAIL + " (until 1970-01-01T00:00:33Z)");
        });
        for (long t = 4000; t < 33_000; t += 1000) {
            beat("fra-1", t);
            assertThat(health.tick(t)).isEmpty();
        }
        assertThat(health.site("fra").state()).isEqualTo(HealthState.DOWN);
        List<HealthTransition> back = health.tick(33_000);
        assertThat(back).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(HealthState.UP);
            assertThat(t.reason()).startsWith("drain ended");
        });
        assertThat(health.site("fra").liveNodes()).extracting(n -> n.id()).containsExactly("fra-1");
    }

    @Test
    void successfulChecksDuringDrainDoNotEndItEarly() {
        upWithBeatsUntil(3000);
        health.onSipDrain("fra-1", 20_000, DETAIL, 3000);
        for (long t = 4000; t < 20_000; t += 1000) {
            beat("fra-1", t);
            assertThat(health.onSipCheck("fra-1", SipTransport.UDP, true, "SIP 200 OK", t + 1)).isEmpty();
        }
        assertThat(health.site("fra").state()).isEqualTo(HealthState.DOWN);
        assertThat(health.tick(20_000)).extracting(HealthTransition::to).containsExactly(HealthState.UP);
    }

    @Test
    void laterDrainExtendsAndShorterOneDoesNotShorten() {
        upWithBeatsUntil(3000);
        health.onSipDrain("fra-1", 10_000, DETAIL, 3000);
        assertThat(health.onSipDrain("fra-1", 15_000, DETAIL, 4000)).isEmpty();
        assertThat(health.onSipDrain("fra-1", 6_000, DETAIL, 5000)).isEmpty();
        beat("fra-1", 6000);
        assertThat(health.tick(10_000)).isEmpty();
        beat("fra-1", 11_000);
        assertThat(health.tick(14_999)).isEmpty();
        assertThat(health.tick(15_000)).extracting(HealthTransition::to).containsExactly(HealthState.UP);
    }

    @Test
    void afterDrainTheNodeFollowsItsOtherSignals() {
        upWithBeatsUntil(3000);
        health.onSipDrain("fra-1", 10_000, DETAIL, 3000);
        health.onSipCheck("fra-1", SipTransport.UDP, false, "no response within 500 ms", 4000);
        health.onSipCheck("fra-1", SipTransport.UDP, false, "no response within 500 ms", 5000);
        beat("fra-1", 9000);
        List<HealthTransition> none = health.tick(10_000);
        assertThat(none).isEmpty(); // SIP checks failed during the drain: still down, now for that reason
        assertThat(health.site("fra").nodes().get(0).reason()).startsWith("SIP OPTIONS checks failing");
    }

    @Test
    void deadNodeKeepsItsOwnReasonAndMentionsTheDrain() {
        health.onSipDrain("fra-1", 10_000, DETAIL, 500);
        NodeStatus s = health.site("fra").nodes().get(0);
        assertThat(s.state()).isEqualTo(HealthState.DOWN);
        assertThat(s.reason()).startsWith("no heartbeat received yet; also draining: ");
    }

    @Test
    void readersSeeTheDrainEndBeforeAnyTick() {
        upWithBeatsUntil(3000);
        beat("fra-2", 1000);
        beat("fra-2", 2000);
        beat("fra-2", 3000);
        health.onSipDrain("fra-1", 8_000, DETAIL, 3000);
        SiteHealth during = health.siteAt("fra", 7_999);
        assertThat(during.liveNodes()).extracting(n -> n.id()).containsExactly("fra-2");
        assertThat(during.expiresAtMillis()).isEqualTo(8_000); // before fra-2's heartbeat timeout at 18 s
        SiteHealth after = health.siteAt("fra", 8_000);
        assertThat(after.liveNodes()).extracting(n -> n.id()).containsExactlyInAnyOrder("fra-1", "fra-2");
    }

    @Test
    void drainOfAnAlreadyPastInstantIsIgnored() {
        upWithBeatsUntil(3000);
        assertThat(health.onSipDrain("fra-1", 2000, DETAIL, 3000)).isEmpty();
        assertThat(health.site("fra").state()).isEqualTo(HealthState.UP);
    }

    @Test
    void sipThresholdsAreSeparateFromHeartbeatRise() {
        HealthRegistry h = new HealthRegistry(inv, new HealthSettings(3, 2, 1, 3, 15_000, 32), 0);
        for (long t = 1000; t <= 3000; t += 1000) {
            h.onHeartbeat(new NodeHeartbeat(WireProtocol.VERSION, "fra-1", ++seq, Set.of(), 0, 5, 500, 0), t);
        }
        assertThat(h.onSipCheck("fra-1", SipTransport.UDP, false, "x", 3100)).isEmpty();
        assertThat(h.onSipCheck("fra-1", SipTransport.UDP, false, "x", 3200)).isEmpty();
        assertThat(h.onSipCheck("fra-1", SipTransport.UDP, false, "x", 3300)).extracting(HealthTransition::to)
                .containsExactly(HealthState.DOWN);
        assertThat(h.onSipCheck("fra-1", SipTransport.UDP, true, "ok", 3400)).extracting(HealthTransition::to)
                .containsExactly(HealthState.UP);
    }

    @Test
    void fourArgumentSettingsUseRiseAndFallForSipChecks() {
        HealthSettings s = new HealthSettings(4, 5, 1000, 8);
        assertThat(s.sipRise()).isEqualTo(4);
        assertThat(s.sipFall()).isEqualTo(5);
    }
}
