package net.voicegslb.gslb.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import net.voicegslb.gslb.agent.probe.ReflectorGuard.Verdict;
import org.junit.jupiter.api.Test;

/** The reflector's admission rules on a hand-driven clock. */
class ReflectorGuardTest {

    static final long MS = 1_000_000L;
    static final int OWN_PORT = 8862;

    static InetAddress ip(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) last});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void packetsFromAReflectorPortAreNeverAnswered() {
        ReflectorGuard g = new ReflectorGuard(ReflectorLimits.DEFAULTS, OWN_PORT, 0);
        assertThat(g.admit(ip(1), 862, false, 0)).isEqualTo(Verdict.REFLECTOR_PORT);
        assertThat(g.admit(ip(1), OWN_PORT, false, 0)).isEqualTo(Verdict.REFLECTOR_PORT);
        assertThat(g.trackedSources()).as("refused before a table entry is made").isZero();
    }

    @Test
    void privilegedSourcePortsAreRefused() {
        ReflectorGuard g = new ReflectorGuard(ReflectorLimits.DEFAULTS, OWN_PORT, 0);
        assertThat(g.admit(ip(1), 53, false, 0)).isEqualTo(Verdict.PRIVILEGED_PORT);
        assertThat(g.admit(ip(1), 0, false, 0)).isEqualTo(Verdict.PRIVILEGED_PORT);
        assertThat(g.admit(ip(1), 1023, false, 0)).isEqualTo(Verdict.PRIVILEGED_PORT);
        assertThat(g.admit(ip(1), 1024, false, 0)).isEqualTo(Verdict.REFLECT);
    }

    @Test
    void reflectedPacketsAreRefused() {
        ReflectorGuard g = new ReflectorGuard(ReflectorLimits.DEFAULTS, OWN_PORT, 0);
        assertThat(g.admit(ip(1), 40000, true, 0)).isEqualTo(Verdict.REFLECTED);
    }

    @Test
    void oneSourceGetsItsBurstThenItsRateWhileAnotherIsUntouched() {
        ReflectorGuard g = new ReflectorGuard(new ReflectorLimits(100, 10_000, 16), OWN_PORT, 0);
        int answered = 0;
        for (int i = 0; i < 1000; i++) { // 1,000 packets in 100 ms from one source
            if (g.admit(ip(1), 40000, false, i * 100_000L) == Verdict.REFLECT) {
                answered++;
            }
        }
        // burst 10 + 100/s × 0.1 s
        assertThat(answered).isBetween(19, 21);
        assertThat(g.admit(ip(1), 40000, false, 99_900_000L)).isEqualTo(Verdict.SOURCE_RATE); // same instant as the last
        assertThat(g.admit(ip(2), 40000, false, 100 * MS)).isEqualTo(Verdict.REFLECT);
    }

    @Test
    void aSenderPacingAtTheRateIsNeverRefused() {
        ReflectorGuard g = new ReflectorGuard(new ReflectorLimits(50, 10_000, 16), OWN_PORT, 0);
        for (int i = 0; i < 500; i++) { // one per 20 ms for 10 s
            assertThat(g.admit(ip(1), 40000, false, i * 20 * MS)).isEqualTo(Verdict.REFLECT);
        }
    }

    @Test
    void theGlobalRateCapsManySources() {
        ReflectorGuard g = new ReflectorGuard(new ReflectorLimits(100, 200, 1000), OWN_PORT, 0);
        int answered = 0;
        for (int i = 0; i < 1000; i++) { // 1,000 sources, one packet each, within 1 s
            if (g.admit(ip(i % 250), 40000 + i, false, i * MS) == Verdict.REFLECT) {
                answered++;
            }
        }
        assertThat(answered).isBetween(200, 221); // burst 20 + 200/s × 1 s
    }

    @Test
    void aFullTableForgetsOnlyIdleSources() {
        ReflectorGuard g = new ReflectorGuard(new ReflectorLimits(10, 10_000, 2), OWN_PORT, 0);
        assertThat(g.admit(ip(1), 40000, false, 0)).isEqualTo(Verdict.REFLECT);
        assertThat(g.admit(ip(2), 40000, false, 0)).isEqualTo(Verdict.REFLECT);
        // Both buckets still refilling (1 token of burst 1 per 100 ms): a third source waits.
        assertThat(g.admit(ip(3), 40000, false, 50 * MS)).isEqualTo(Verdict.SOURCE_TABLE_FULL);
        assertThat(g.trackedSources()).isEqualTo(2);
        // ip(2) is seen again; ip(1) is the least recently seen and has refilled after 100 ms.
        assertThat(g.admit(ip(2), 40000, false, 99 * MS)).isEqualTo(Verdict.SOURCE_RATE);
        assertThat(g.admit(ip(3), 40000, false, 101 * MS)).isEqualTo(Verdict.REFLECT);
        assertThat(g.trackedSources()).isEqualTo(2);
    }
}
