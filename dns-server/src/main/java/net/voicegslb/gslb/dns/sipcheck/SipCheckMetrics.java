package net.voicegslb.gslb.dns.sipcheck;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code gslb_sip_checks_total{node,transport,result}}: checks per target and outcome
 * ({@code alive}, {@code failed}, {@code drain}); {@code gslb_sip_check_rtt_seconds{node,transport}}:
 * time from request to final response, for targets that answered.
 */
final class SipCheckMetrics {
    private final MeterRegistry registry;

    SipCheckMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(TargetOutcome o) {
        String node = o.target().nodeId();
        String transport = o.target().transport().name().toLowerCase(Locale.ROOT);
        Counter.builder("gslb_sip_checks_total").description("SIP OPTIONS checks by outcome")
                .tag("node", node).tag("transport", transport).tag("result", o.kind().name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
        if (o.rttNanos() >= 0) {
            Timer.builder("gslb_sip_check_rtt_seconds").description("SIP OPTIONS request to final response")
                    .tag("node", node).tag("transport", transport)
                    .register(registry).record(o.rttNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
