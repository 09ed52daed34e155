package net.voicegslb.gslb.dns.sipcheck;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.Gauge;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import net.voicegslb.gslb.dns.config.SipCheckTarget;
import java.util.concurrent.TimeUnit;

/**
 * {@code gslb_sip_checks_total{node,transport,result}}: checks per target and outcome
 * ({@code alive}, {@code failed}, {@code drain}); {@code gslb_sip_check_rtt_seconds{node,transport}}:
 * time from request to final response, for targets that answered;
 * {@code gslb_sip_check_tls_cert_not_after_seconds{node}}: expiry (Unix seconds) of the certificate
 * a node's TLS listener presented, for alerting before the check turns it down.
 */
final class SipCheckMetrics {
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> notAfter = new ConcurrentHashMap<>();

    SipCheckMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void certificate(SipCheckTarget target, long notAfterMillis) {
        notAfter.computeIfAbsent(target.nodeId(), node -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder("gslb_sip_check_tls_cert_not_after_seconds", v, AtomicLong::get)
                    .description("Expiry of the certificate the node's SIP TLS listener presented (Unix seconds)")
                    .tag("node", node).register(registry);
            return v;
        }).set(notAfterMillis / 1000);
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
