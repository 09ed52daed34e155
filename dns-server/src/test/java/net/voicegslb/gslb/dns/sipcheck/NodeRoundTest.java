package net.voicegslb.gslb.dns.sipcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.voicegslb.gslb.dns.config.SipCheckTarget;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.sip.OptionsResponse;
import org.junit.jupiter.api.Test;

class NodeRoundTest {
    private static final SipCheckTarget UDP = TargetOutcomeTest.UDP;
    private static final SipCheckTarget TCP = new SipCheckTarget("fra-1", SipTransport.TCP,
            new InetSocketAddress("127.0.0.1", 5060));
    private static final Duration MAX_DRAIN = Duration.ofMinutes(10);

    private static TargetOutcome alive(SipCheckTarget t) {
        return TargetOutcome.of(t, new OptionsResponse(200, "OK", "b", "c", 1, "OPTIONS", -1), 1_000_000);
    }

    private static TargetOutcome drain(SipCheckTarget t, long seconds) {
        return TargetOutcome.of(t, new OptionsResponse(503, "Service Unavailable", "b", "c", 1, "OPTIONS", seconds), 1);
    }

    private static NodeRound.Report round(TargetOutcome... outcomes) {
        NodeRound r = new NodeRound("fra-1", outcomes.length);
        for (TargetOutcome o : outcomes) {
            r.add(o);
        }
        return r.report(MAX_DRAIN);
    }

    @Test
    void okOnlyWhenEveryTransportAnswers() {
        NodeRound.Report both = round(alive(UDP), alive(TCP));
        assertThat(both.ok()).isTrue();
        assertThat(both.detail()).isEqualTo("udp 127.0.0.1:5060: SIP 200 OK in 1 ms; tcp 127.0.0.1:5060: SIP 200 OK in 1 ms");
        NodeRound.Report tcpRefused = round(alive(UDP), TargetOutcome.failed(TCP, "connection refused"));
        assertThat(tcpRefused.ok()).isFalse();
        assertThat(tcpRefused.detail()).isEqualTo("tcp 127.0.0.1:5060: connection refused");
    }

    @Test
    void mixedTransportsGiveTheSameResultEveryRound() {
        List<Boolean> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // Completion order varies with the network; the verdict must not.
            results.add(i % 2 == 0 ? round(alive(UDP), TargetOutcome.failed(TCP, "x")).ok()
                    : round(TargetOutcome.failed(TCP, "x"), alive(UDP)).ok());
        }
        assertThat(results).containsOnly(false);
    }

    @Test
    void drainWinsAndIsCappedByMaxDrain() {
        NodeRound.Report d = round(alive(UDP), drain(TCP, 30));
        assertThat(d.drain()).isTrue();
        assertThat(d.drainMillis()).isEqualTo(30_000);
        assertThat(d.detail()).isEqualTo("tcp 127.0.0.1:5060: SIP 503 Service Unavailable, Retry-After 30 s");
        assertThat(round(drain(UDP, 86_400), drain(TCP, 5)).drainMillis()).isEqualTo(MAX_DRAIN.toMillis());
        assertThat(round(drain(UDP, 5), drain(TCP, 40)).drainMillis()).isEqualTo(40_000);
    }

    @Test
    void deliverCallsExactlyOneListenerMethod() {
        List<String> calls = new ArrayList<>();
        SipCheckListener l = new SipCheckListener() {
            @Override
            public void onCheck(String nodeId, boolean ok, String detail, List<TargetOutcome> outcomes, long nowMillis) {
                calls.add("check " + nodeId + " " + ok + " @" + nowMillis);
            }

            @Override
            public void onDrain(String nodeId, long untilMillis, String detail, long nowMillis) {
                calls.add("drain " + nodeId + " until " + untilMillis + " @" + nowMillis);
            }
        };
        round(alive(UDP)).deliver(l, 1000);
        round(drain(UDP, 30)).deliver(l, 2000);
        assertThat(calls).containsExactly("check fra-1 true @1000", "drain fra-1 until 32000 @2000");
    }

    @Test
    void roundGuardsItsInvariants() {
        NodeRound r = new NodeRound("fra-1", 1);
        assertThatThrownBy(() -> r.report(MAX_DRAIN)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> r.add(TargetOutcome.failed(
                new SipCheckTarget("nyc-1", SipTransport.UDP, new InetSocketAddress("127.0.0.1", 1)), "x")))
                .hasMessageContaining("nyc-1");
        assertThat(r.add(alive(UDP))).isTrue();
        assertThatThrownBy(() -> r.add(alive(UDP))).isInstanceOf(IllegalStateException.class);
    }
}
