package net.voicegslb.gslb.policy.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.model.RankingParameters;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.support.Fixtures;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.WireProtocol;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SIP check health per (node, transport): sip fall 2, rise 3 (the defaults). */
class TransportHealthTest {
    private final Inventory inv = Fixtures.world(RankingParameters.defaults(), "fra", "ams");
    private final HealthRegistry health = new HealthRegistry(inv, HealthSettings.defaults(), 0);
    private long seq;

    @BeforeEach
    void up() {
        for (int i = 1; i <= 3; i++) {
            health.onHeartbeat(new NodeHeartbeat(WireProtocol.VERSION, "fra-1", ++seq, Set.of(), 10, 5, 500, 0.2),
                    i * 1000L);
        }
        assertThat(status().state()).isEqualTo(HealthState.UP);
    }

    private NodeStatus status() {
        return health.site("fra").nodes().stream().filter(n -> n.node().id().equals("fra-1")).findFirst().orElseThrow();
    }

    @Test
    void aFailingTransportLeavesOnlyItsOwnAnswersAndNotTheNode() {
        health.onSipCheck("fra-1", SipTransport.UDP, true, "udp ok", 3100);
        long before = health.generation();
        assertThat(health.onSipCheck("fra-1", SipTransport.TLS, false, "tls refused", 3200)).isEmpty();
        assertThat(status().serves(SipTransport.TLS)).as("one failure is within fall").isTrue();
        assertThat(health.onSipCheck("fra-1", SipTransport.TLS, false, "tls refused", 3300)).isEmpty();
        NodeStatus s = status();
        assertThat(s.state()).isEqualTo(HealthState.UP);
        assertThat(s.serves(SipTransport.TLS)).isFalse();
        assertThat(s.serves(SipTransport.UDP)).isTrue();
        assertThat(s.serves(SipTransport.TCP)).as("never checked: no evidence of failure").isTrue();
        assertThat(s.reason()).contains("tls down (2 consecutive failed): tls refused");
        assertThat(s.transports().get(SipTransport.TLS).sinceMillis()).isEqualTo(3300);
        assertThat(health.generation()).as("SRV answers change with the transport").isGreaterThan(before);
    }

    @Test
    void theNodeGoesDownOnlyWhenEveryCheckedTransportFails() {
        for (long t = 3100; t <= 3200; t += 100) {
            health.onSipCheck("fra-1", SipTransport.UDP, false, "udp silent", t);
            assertThat(health.onSipCheck("fra-1", SipTransport.TCP, true, "tcp ok", t)).isEmpty();
        }
        List<HealthTransition> down = List.of();
        for (long t = 3300; t <= 3400; t += 100) {
            down = health.onSipCheck("fra-1", SipTransport.TCP, false, "tcp refused", t);
        }
        assertThat(down).singleElement().satisfies(tr -> {
            assertThat(tr.to()).isEqualTo(HealthState.DOWN);
            assertThat(tr.reason()).startsWith("SIP OPTIONS checks failing on every transport").contains("udp down")
                    .contains("tcp down");
        });
    }

    @Test
    void aTransportNoLongerCheckedIsForgotten() {
        health.onSipCheck("fra-1", SipTransport.TLS, false, "tls refused", 3100);
        health.onSipCheck("fra-1", SipTransport.TLS, false, "tls refused", 3200);
        assertThat(status().serves(SipTransport.TLS)).isFalse();
        health.retainSipChecks(Map.of("fra-1", Set.of(SipTransport.UDP)), 3300);
        assertThat(status().serves(SipTransport.TLS)).isTrue();
        assertThat(status().transports()).isEmpty();
    }

    @Test
    void aFailedTransportNeedsRisePassingChecksToComeBack() {
        health.onSipCheck("fra-1", SipTransport.TLS, false, "x", 3100);
        health.onSipCheck("fra-1", SipTransport.TLS, false, "x", 3200);
        health.onSipCheck("fra-1", SipTransport.TLS, true, "ok", 3300);
        health.onSipCheck("fra-1", SipTransport.TLS, true, "ok", 3400);
        assertThat(status().serves(SipTransport.TLS)).isFalse();
        health.onSipCheck("fra-1", SipTransport.TLS, true, "ok", 3500);
        assertThat(status().serves(SipTransport.TLS)).isTrue();
    }
}
