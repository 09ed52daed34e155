package net.voicegslb.gslb.pbx.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.agent.passive.MeasurementAggregator;
import net.voicegslb.gslb.agent.passive.PassiveMeasurements;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;
import net.voicegslb.gslb.pbx.transport.Transport;
import org.junit.jupiter.api.Test;

/** The node's registrations and keepalives arrive in the agent, aggregated per client prefix. */
class AgentPassiveObserverTest {

    private final MeasurementAggregator aggregator =
            new MeasurementAggregator(1000, 3_600_000, AgentClock.system(), new SimpleMeterRegistry());
    private final PassiveMeasurements passive = new PassiveMeasurements(aggregator, 1000);
    private final AgentPassiveObserver observer = new AgentPassiveObserver(passive);

    @Test
    void registrationsCountPerClientPrefix() {
        observer.registered(new RegistrationSeen("1001@example.test", new InetSocketAddress("198.51.100.7", 5060),
                "198.51.100.0/24", Transport.UDP, 300, 0));
        observer.registered(new RegistrationSeen("1002@example.test", new InetSocketAddress("198.51.100.9", 5062),
                "198.51.100.0/24", Transport.UDP, 300, 0));
        assertThat(passive.registrationsByPrefix()).hasSize(1)
                .allSatisfy((prefix, n) -> {
                    assertThat(prefix.toString()).isEqualTo("198.51.100.0/24");
                    assertThat(n).isEqualTo(2L);
                });
    }

    @Test
    void keepaliveRoundTripsAndFailuresBecomeSipOptionsMeasurements() {
        InetSocketAddress phone = new InetSocketAddress("203.0.113.20", 40000);
        observer.keepalive(new KeepaliveResult("1001@example.test", phone, "203.0.113.0/24", 30_000_000, 200, 0));
        observer.keepalive(new KeepaliveResult("1001@example.test", phone, "203.0.113.0/24", 50_000_000, 200, 0));
        observer.keepalive(new KeepaliveResult("1001@example.test", phone, "203.0.113.0/24", -1, 0, 0));
        observer.keepalive(new KeepaliveResult("1001@example.test", phone, "203.0.113.0/24", 40_000_000, 405, 0));

        // The report window closes when the agent takes its delta, as it does once per report interval.
        assertThat(aggregator.takeDelta()).filteredOn(m -> m.source() == MeasurementSource.SIP_OPTIONS)
                .singleElement().satisfies((PrefixMeasurement m) -> {
                    assertThat(m.prefix().toString()).isEqualTo("203.0.113.0/24");
                    assertThat(m.rttMillis()).isBetween(30.0, 50.0);
                    assertThat(m.lossRatio()).isEqualTo(0.25);
                });
    }
}
