package net.voicegslb.gslb.agent.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import net.voicegslb.gslb.common.sip.OptionsOutcome;
import net.voicegslb.gslb.common.sip.OptionsTarget;
import net.voicegslb.gslb.common.sip.TransportError;
import net.voicegslb.gslb.policy.sip.OptionsResponse;
import org.junit.jupiter.api.Test;

/** The standalone PBX check's rule over outcomes, on a clock the test moves. */
class ThirdPartyPbxLoadTest {
    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);

    private ThirdPartyPbxLoad load(Duration maxDrain) {
        return new ThirdPartyPbxLoad(null, OptionsTarget.udp(new InetSocketAddress("127.0.0.1", 5060)), 2, 3,
                maxDrain, now::get);
    }

    private static OptionsOutcome status(int code, long retryAfter) {
        return OptionsOutcome.answered(new OptionsResponse(code, "Test", "z9hG4bKx", "c@x", 1, "OPTIONS", retryAfter),
                1_000_000);
    }

    private static void upAfterRise(ThirdPartyPbxLoad l) {
        l.record(status(200, -1));
        l.record(status(200, -1));
        assertThat(l.registrarHealthy()).isTrue();
    }

    @Test
    void a503WithRetryAfterTakesThePbxDownAtOnceUntilTheDrainEnds() {
        ThirdPartyPbxLoad l = load(Duration.ofMinutes(10));
        upAfterRise(l);
        l.record(status(503, 30));
        assertThat(l.registrarHealthy()).as("no waiting for fall = 3").isFalse();
        assertThat(l.problem()).startsWith("OPTIONS answered 503 with Retry-After 30 s: draining until ");
        l.record(status(200, -1));
        l.record(status(200, -1));
        assertThat(l.registrarHealthy()).as("good answers within the drain do not end it").isFalse();
        now.addAndGet(30_000);
        l.record(status(200, -1));
        assertThat(l.registrarHealthy()).as("the drain is over and rise was met").isTrue();
        assertThat(l.problem()).isNull();
    }

    @Test
    void theDrainIsCappedByMaxDrain() {
        ThirdPartyPbxLoad l = load(Duration.ofSeconds(60));
        upAfterRise(l);
        l.record(status(503, 86_400));
        now.addAndGet(59_000);
        l.record(status(200, -1));
        l.record(status(200, -1));
        assertThat(l.registrarHealthy()).isFalse();
        now.addAndGet(1_000);
        l.record(status(200, -1));
        assertThat(l.registrarHealthy()).as("a day's Retry-After drains for max_drain only").isTrue();
        assertThat(l.cappedDrains()).isEqualTo(1);
        assertThat(l.drains()).isZero();
    }

    @Test
    void a503WithoutRetryAfterOrWithDrainingOffIsAnOrdinaryFailure() {
        ThirdPartyPbxLoad l = load(Duration.ZERO);
        upAfterRise(l);
        l.record(status(503, 30));
        l.record(status(503, -1));
        assertThat(l.registrarHealthy()).isTrue();
        l.record(status(503, -1));
        assertThat(l.registrarHealthy()).as("fall = 3").isFalse();
        assertThat(l.problem()).isEqualTo("OPTIONS answered 503");
    }

    @Test
    void aTransportErrorIsDownWithItsReason() {
        ThirdPartyPbxLoad l = load(Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            l.record(OptionsOutcome.failed(TransportError.CONNECTION_REFUSED, "connection refused"));
        }
        assertThat(l.registrarHealthy()).isFalse();
        assertThat(l.problem()).isEqualTo("OPTIONS unanswered: connection refused");
        assertThat(l.lastOutcome().error()).isEqualTo(TransportError.CONNECTION_REFUSED);
    }
}
