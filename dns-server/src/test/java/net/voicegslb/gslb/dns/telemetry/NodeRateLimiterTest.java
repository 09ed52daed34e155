package net.voicegslb.gslb.dns.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeRateLimiterTest {

    static final long SECOND = 1_000_000_000L;
    static final long T0 = 123 * SECOND;

    static int allowed(NodeRateLimiter l, String node, boolean heartbeat, int attempts, long at) {
        int n = 0;
        for (int i = 0; i < attempts; i++) {
            if (l.tryAcquire(node, heartbeat, at)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aFullBucketAllowsTheBurstAtOnceThenNothing() {
        NodeRateLimiter l = new NodeRateLimiter(50, 10);
        assertThat(allowed(l, "fra-1", false, 100, T0)).isEqualTo(10);
        assertThat(l.tryAcquire("fra-1", false, T0)).isFalse();
    }

    @Test
    void tokensComeBackAtTheConfiguredRate() {
        NodeRateLimiter l = new NodeRateLimiter(50, 10);
        allowed(l, "fra-1", false, 10, T0);
        assertThat(allowed(l, "fra-1", false, 100, T0 + SECOND / 50)).isEqualTo(1);
        assertThat(allowed(l, "fra-1", false, 100, T0 + SECOND / 50 + SECOND / 10)).isEqualTo(5);
    }

    @Test
    void theSustainedRateIsFramesPerSecondOverALongRun() {
        NodeRateLimiter l = new NodeRateLimiter(50, 10);
        int total = 0;
        for (int ms = 0; ms < 10_000; ms++) { // an agent trying 5 frames every millisecond for 10 s
            total += allowed(l, "fra-1", false, 5, T0 + ms * 1_000_000L);
        }
        assertThat(total).isBetween(10 + 50 * 10 - 1, 10 + 50 * 10);
    }

    @Test
    void idleTimeNeverFillsBeyondTheBurst() {
        NodeRateLimiter l = new NodeRateLimiter(50, 10);
        allowed(l, "fra-1", false, 10, T0);
        assertThat(allowed(l, "fra-1", false, 100, T0 + 3600 * SECOND)).isEqualTo(10);
    }

    @Test
    void nodesHaveTheirOwnBuckets() {
        NodeRateLimiter l = new NodeRateLimiter(5, 3);
        assertThat(allowed(l, "fra-1", false, 100, T0)).isEqualTo(3);
        assertThat(allowed(l, "nyc-1", false, 100, T0)).as("fra-1's flood costs nyc-1 nothing").isEqualTo(3);
    }

    @Test
    void heartbeatsGetThroughABatchFlood() {
        NodeRateLimiter l = new NodeRateLimiter(5, 3);
        int heartbeats = 0;
        for (int s = 0; s < 60; s++) {
            long t = T0 + s * SECOND;
            allowed(l, "fra-1", false, 1000, t); // the flood
            heartbeats += allowed(l, "fra-1", true, 1, t + SECOND / 2);
        }
        assertThat(heartbeats).as("one heartbeat a second, every one through").isEqualTo(60);
    }

    @Test
    void aHeartbeatFloodIsLimitedToItsOwnSmallAllowanceAndLeavesBatchesAlone() {
        NodeRateLimiter l = new NodeRateLimiter(5, 3);
        assertThat(allowed(l, "fra-1", true, 100, T0)).isEqualTo(NodeRateLimiter.HEARTBEAT_BURST);
        assertThat(allowed(l, "fra-1", true, 100, T0 + SECOND)).isEqualTo((int) NodeRateLimiter.HEARTBEATS_PER_SECOND);
        assertThat(allowed(l, "fra-1", false, 100, T0 + SECOND)).isEqualTo(3);
    }

    @Test
    void reconnectingDoesNotRefillButForgettingDoes() {
        NodeRateLimiter l = new NodeRateLimiter(5, 3);
        allowed(l, "fra-1", false, 3, T0);
        assertThat(l.tryAcquire("fra-1", false, T0)).isFalse();
        l.forget("fra-1");
        assertThat(l.trackedNodes()).isZero();
        assertThat(l.tryAcquire("fra-1", false, T0)).isTrue();
    }

    @Test
    void aClockGoingBackwardsGrantsNothingExtra() {
        NodeRateLimiter l = new NodeRateLimiter(5, 3);
        allowed(l, "fra-1", false, 3, T0);
        assertThat(allowed(l, "fra-1", false, 100, T0 - 10 * SECOND)).isZero();
        assertThat(allowed(l, "fra-1", false, 100, T0 + SECOND / 5)).isEqualTo(1);
    }

    @Test
    void settingsMustBePositive() {
        assertThatThrownBy(() -> new NodeRateLimiter(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeRateLimiter(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
