package net.voicegslb.gslb.agent.passive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.voicegslb.gslb.agent.ManualClock;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PassiveMeasurementsTest {

    ManualClock clock = new ManualClock();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    MeasurementAggregator agg;
    PassiveMeasurements passive;

    @BeforeEach
    void setUp() {
        agg = new MeasurementAggregator(100, 600_000, clock, meters);
        passive = new PassiveMeasurements(agg, 100);
    }

    static InetSocketAddress at(String ip) {
        return new InetSocketAddress(ip, 5060);
    }

    static Map<String, PrefixMeasurement> bySourceAndPrefix(List<PrefixMeasurement> ms) {
        return ms.stream().collect(Collectors.toMap(m -> m.source() + " " + m.prefix(), Function.identity()));
    }

    @Test
    void keepalivesAreAggregatedPerSlash24WithLossFromFailures() {
        passive.keepaliveRtt(at("192.0.2.10"), 40);
        passive.keepaliveRtt(at("192.0.2.200"), 60);
        passive.keepaliveFailure(at("192.0.2.7"));
        passive.keepaliveRtt(at("198.51.100.1"), 10);
        Map<String, PrefixMeasurement> got = bySourceAndPrefix(agg.takeDelta());
        PrefixMeasurement m = got.get("SIP_OPTIONS 192.0.2.0/24");
        assertThat(m.rttMillis()).isEqualTo(50.0);
        assertThat(m.lossRatio()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(m.sampleCount()).isEqualTo(3);
        assertThat(m.jitterMillis()).as("RFC 3550 estimator over 40 → 60").isEqualTo(20 / 16.0);
        assertThat(got).containsKey("SIP_OPTIONS 198.51.100.0/24");
        assertThat(agg.takeDelta()).as("nothing new: empty delta").isEmpty();
        assertThat(agg.snapshot()).hasSize(2);
    }

    @Test
    void ipv6IsCutTo48AndSourcesStayApart() {
        passive.rtcpRtt(at("2001:db8:1:2::5"), 80);
        passive.rtpStream(at("2001:db8:1:ffff::9"), 500, 5, 3.5, Double.NaN);
        Map<String, PrefixMeasurement> got = bySourceAndPrefix(agg.takeDelta());
        assertThat(got.get("RTCP 2001:db8:1:0:0:0:0:0/48").rttMillis()).isEqualTo(80.0);
        PrefixMeasurement rtp = got.get("RTP 2001:db8:1:0:0:0:0:0/48");
        assertThat(rtp).as("RTP without its own RTT borrows the prefix's RTCP one").isNotNull();
        assertThat(rtp.rttMillis()).isEqualTo(80.0);
        assertThat(rtp.jitterMillis()).isEqualTo(3.5);
        assertThat(rtp.lossRatio()).isEqualTo(0.01);
        assertThat(rtp.sampleCount()).isEqualTo(500);
    }

    @Test
    void rtpWithoutAnyRttIsWithheldAndCounted() {
        passive.rtpStream(at("203.0.113.9"), 100, 0, 1.0, Double.NaN);
        assertThat(agg.takeDelta()).isEmpty();
        assertThat(meters.get("gslb.agent.aggregate.withheld").counter().count()).isEqualTo(1);
    }

    @Test
    void theTableIsBoundedAndIdleKeysExpire() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MeasurementAggregator small = new MeasurementAggregator(2, 1_000, clock, meters);
        PassiveMeasurements p = new PassiveMeasurements(small, 2);
        p.keepaliveRtt(at("10.0.1.1"), 1);
        p.keepaliveRtt(at("10.0.2.1"), 1);
        p.keepaliveRtt(at("10.0.3.1"), 1);
        assertThat(small.size()).isEqualTo(2);
        // a keepalive answer is two facts (an RTT and one packet that arrived): both refused
        assertThat(meters.get("gslb.agent.aggregate.refused").counter().count()).isEqualTo(2);
        small.takeDelta();
        clock.advanceMillis(2_000);
        small.takeDelta();
        assertThat(small.size()).isZero();
        assertThat(small.snapshot()).isEmpty();
    }

    @Test
    void registrationsCountDemandPerPrefix() {
        passive.registration(at("192.0.2.1"));
        passive.registration(at("192.0.2.99"));
        passive.registration(at("198.51.100.1"));
        assertThat(passive.registrationsByPrefix())
                .containsEntry(ClientPrefix.parse("192.0.2.0/24"), 2L)
                .containsEntry(ClientPrefix.parse("198.51.100.0/24"), 1L);
        assertThat(MeasurementSource.values()).isNotEmpty();
    }
}
