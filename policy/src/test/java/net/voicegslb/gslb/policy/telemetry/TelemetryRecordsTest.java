package net.voicegslb.gslb.policy.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import org.junit.jupiter.api.Test;

class TelemetryRecordsTest {

    @Test
    void envelopeRejectsUnknownProtocolVersion() {
        NodeHeartbeat hb = NodeHeartbeat.healthy("n1", 1, 0, 100, 0.1);
        assertThat(TelemetryEnvelope.of("n1", 1, 0, hb).protocolVersion()).isEqualTo(WireProtocol.VERSION);
        assertThatThrownBy(() -> new TelemetryEnvelope(WireProtocol.VERSION + 1, "n1", 1, 0, hb))
                .hasMessageContaining("unsupported protocol version");
        assertThatThrownBy(() -> new NodeHeartbeat(0, "n1", 1, Set.of(), 0, 0, 0, 0))
                .hasMessageContaining("unsupported protocol version");
    }

    @Test
    void measurementsAreRangeChecked() {
        ClientPrefix p = ClientPrefix.parse("192.0.2.0/24");
        assertThatThrownBy(() -> new PrefixMeasurement(p, MeasurementSource.RTP, 10, 1, 1.5, 1))
                .hasMessageContaining("lossRatio");
        assertThatThrownBy(() -> new PrefixMeasurement(p, MeasurementSource.RTP, Double.NaN, 1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PrefixMeasurement(p, MeasurementSource.RTP, 10, 1, 0, 0))
                .hasMessageContaining("sampleCount");
    }

    @Test
    void heartbeatFlagsClassifyFatalProblems() {
        NodeHeartbeat degraded = new NodeHeartbeat(WireProtocol.VERSION, "n", 2, Set.of(HealthFlag.OVERLOADED), 1, 1, 1, 0.9);
        NodeHeartbeat dead = new NodeHeartbeat(WireProtocol.VERSION, "n", 3, Set.of(HealthFlag.SIP_STACK_DOWN), 1, 1, 1, 0.1);
        assertThat(degraded.hasFatalFlag()).isFalse();
        assertThat(dead.hasFatalFlag()).isTrue();
        assertThatThrownBy(() -> NodeHeartbeat.healthy("n", 1, 0, 0, 1.5)).hasMessageContaining("load");
    }

    @Test
    void batchesAreImmutableCopies() {
        List<PrefixMeasurement> list = new java.util.ArrayList<>();
        list.add(new PrefixMeasurement(ClientPrefix.parse("2001:db8::/48"), MeasurementSource.STAMP, 30, 2, 0, 10));
        MeasurementBatch batch = MeasurementBatch.of("n1", "fra", 0, list);
        list.clear();
        assertThat(batch.measurements()).hasSize(1);
        TelemetryMessage m = batch;
        assertThat(m).isInstanceOf(MeasurementBatch.class);
    }
}
