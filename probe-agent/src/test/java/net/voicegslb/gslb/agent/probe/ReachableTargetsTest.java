package net.voicegslb.gslb.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import net.voicegslb.gslb.agent.probe.ReachableTargets.Verdict;
import org.junit.jupiter.api.Test;

class ReachableTargetsTest {

    private final InetSocketAddress resolver = new InetSocketAddress("192.0.2.53", 53);
    private final InetSocketAddress firewalled = new InetSocketAddress("198.51.100.53", 53);

    @Test
    void silenceIsLossOnlyFromATargetThatAnsweredBefore() {
        ReachableTargets t = new ReachableTargets();
        assertThat(t.record(firewalled, false)).isEqualTo(Verdict.NOT_A_MEASUREMENT);
        assertThat(t.record(firewalled, false)).isEqualTo(Verdict.NOT_A_MEASUREMENT);
        assertThat(t.record(resolver, true)).isEqualTo(Verdict.ANSWERED);
        assertThat(t.record(resolver, false)).isEqualTo(Verdict.LOST);
        assertThat(t.unmeasurable()).isEqualTo(2);
    }

    @Test
    void aTargetNoLongerProbedIsForgotten() {
        ReachableTargets t = new ReachableTargets();
        t.record(resolver, true);
        t.retain(List.of(firewalled));
        assertThat(t.record(resolver, false)).isEqualTo(Verdict.NOT_A_MEASUREMENT);
    }
}
