package net.voicegslb.gslb.dns.sipcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import net.voicegslb.gslb.dns.config.SipCheckTarget;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.sip.OptionsResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetOutcomeTest {
    static final SipCheckTarget UDP = new SipCheckTarget("fra-1", SipTransport.UDP, new InetSocketAddress("127.0.0.1", 5060));

    private static OptionsResponse response(int code, String reason, long retryAfter) {
        return new OptionsResponse(code, reason, "z9hG4bK1", "c", 1, "OPTIONS", retryAfter);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "200, OK, ALIVE",
            "202, Accepted, ALIVE",
            "302, Moved Temporarily, ALIVE",
            "401, Unauthorized, ALIVE",
            "403, Forbidden, ALIVE",
            "404, Not Found, ALIVE",
            "405, Method Not Allowed, ALIVE",
            "407, Proxy Authentication Required, ALIVE",
            "480, Temporarily Unavailable, ALIVE",
            "481, Call/Transaction Does Not Exist, ALIVE",
            "483, Too Many Hops, ALIVE",
            "408, Request Timeout, FAILED",
            "500, Server Internal Error, FAILED",
            "502, Bad Gateway, FAILED",
            "504, Server Time-out, FAILED",
            "600, Busy Everywhere, FAILED",
            "603, Decline, FAILED",
    })
    void finalResponsesClassify(int code, String reason, TargetOutcome.Kind kind) {
        assertThat(TargetOutcome.of(UDP, response(code, reason, -1), 2_000_000).kind()).isEqualTo(kind);
    }

    @Test
    void detailsNameTheStatusAndTheTarget() {
        assertThat(TargetOutcome.of(UDP, response(200, "OK", -1), 3_400_000).describe())
                .isEqualTo("udp 127.0.0.1:5060: SIP 200 OK in 3 ms");
        assertThat(TargetOutcome.of(UDP, response(500, "Server Internal Error", -1), 1).describe())
                .isEqualTo("udp 127.0.0.1:5060: SIP 500 Server Internal Error");
        assertThat(TargetOutcome.noResponse(UDP, Duration.ofMillis(500)).describe())
                .isEqualTo("udp 127.0.0.1:5060: no response within 500 ms");
    }

    @Test
    void serviceUnavailableDrainsOnlyWithRetryAfter() {
        TargetOutcome drain = TargetOutcome.of(UDP, response(503, "Service Unavailable", 30), 1);
        assertThat(drain.kind()).isEqualTo(TargetOutcome.Kind.DRAIN);
        assertThat(drain.drainSeconds()).isEqualTo(30);
        assertThat(drain.detail()).isEqualTo("SIP 503 Service Unavailable, Retry-After 30 s");
        TargetOutcome plain = TargetOutcome.of(UDP, response(503, "Service Unavailable", -1), 1);
        assertThat(plain.kind()).isEqualTo(TargetOutcome.Kind.FAILED);
        assertThat(plain.detail()).isEqualTo("SIP 503 Service Unavailable without Retry-After");
        assertThat(TargetOutcome.of(UDP, response(503, "Service Unavailable", 0), 1).kind())
                .isEqualTo(TargetOutcome.Kind.FAILED);
    }

    @Test
    void provisionalIsNotAnOutcome() {
        assertThatThrownBy(() -> TargetOutcome.of(UDP, response(100, "Trying", -1), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
