package net.voicegslb.gslb.dns.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import net.voicegslb.gslb.policy.telemetry.wire.FrameType;

/**
 * Ingest metrics, every series registered up front so a reason that never happened still shows 0.
 *
 * <ul>
 *   <li>{@code gslb_telemetry_frames_total{type}}: frames accepted and handed to the policy, by
 *       type (hello, heartbeat, measurement_batch).
 *   <li>{@code gslb_telemetry_rejected_total{reason}}: upgrades and frames refused, by
 *       {@link RejectReason#label()}.
 *   <li>{@code gslb_telemetry_auth_failures_total}: upgrades refused for want of a valid credential.
 *   <li>{@code gslb_telemetry_connections}: authenticated agent connections open now.
 *   <li>{@code gslb_telemetry_probe_target_lists_total}: probe-target lists sent to agents.
 *   <li>{@code gslb_telemetry_connections_refused_total{reason}}: connections closed by the
 *       admission gate before authenticating, by {@link ConnectionGate.Refusal#label()}.
 *   <li>{@code gslb_telemetry_connections_unauthenticated}: connections in TLS or upgrade now.
 * </ul>
 *
 * <p>Gauges hold their sources strongly: a gauge on an object referenced only weakly reads NaN
 * once that object is collected.
 */
final class TelemetryMetrics {
    private final Map<FrameType, Counter> frames = new EnumMap<>(FrameType.class);
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Counter authFailures;
    private final Counter targetLists;
    private final Map<ConnectionGate.Refusal, Counter> refused = new EnumMap<>(ConnectionGate.Refusal.class);

    TelemetryMetrics(MeterRegistry registry, Supplier<Number> connections) {
        this(registry, connections, () -> 0);
    }

    TelemetryMetrics(MeterRegistry registry, Supplier<Number> connections, Supplier<Number> unauthenticated) {
        for (FrameType t : FrameType.values()) {
            frames.put(t, Counter.builder("gslb.telemetry.frames").description("Telemetry frames accepted")
                    .tag("type", t.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, Counter.builder("gslb.telemetry.rejected")
                    .description("Telemetry upgrades and frames refused").tag("reason", r.label()).register(registry));
        }
        authFailures = Counter.builder("gslb.telemetry.auth.failures")
                .description("Telemetry upgrades without a valid credential").register(registry);
        targetLists = Counter.builder("gslb.telemetry.probe.target.lists")
                .description("Probe-target lists sent to agents").register(registry);
        Gauge.builder("gslb.telemetry.connections", connections, s -> s.get().doubleValue())
                .description("Authenticated agent connections").strongReference(true).register(registry);
        Gauge.builder("gslb.telemetry.connections.unauthenticated", unauthenticated, s -> s.get().doubleValue())
                .description("Telemetry connections in TLS or upgrade, not yet authenticated")
                .strongReference(true).register(registry);
        for (ConnectionGate.Refusal r : ConnectionGate.Refusal.values()) {
            refused.put(r, Counter.builder("gslb.telemetry.connections.refused")
                    .description("Telemetry connections closed before authenticating").tag("reason", r.label())
                    .register(registry));
        }
    }

    void refused(ConnectionGate.Refusal reason) {
        refused.get(reason).increment();
    }

    void accepted(FrameType type) {
        frames.get(type).increment();
    }

    void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    void authFailure() {
        authFailures.increment();
        rejected(RejectReason.UNKNOWN_CREDENTIAL);
    }

    void targetListSent() {
        targetLists.increment();
    }
}
