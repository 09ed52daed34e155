package net.voicegslb.gslb.policy.telemetry;

import java.util.List;
import java.util.Objects;

/**
 * Measurements of one node, for its site, over one reporting window.
 *
 * @param windowEndMillis end of the window on the sender's clock (informational)
 */
public record MeasurementBatch(int protocolVersion, String nodeId, String siteId, long windowEndMillis,
                               List<PrefixMeasurement> measurements) implements TelemetryMessage {
    public MeasurementBatch {
        WireProtocol.check(protocolVersion, "measurement batch");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(siteId, "siteId");
        measurements = List.copyOf(measurements);
    }

    public static MeasurementBatch of(String nodeId, String siteId, long windowEndMillis,
                                      List<PrefixMeasurement> measurements) {
        return new MeasurementBatch(WireProtocol.VERSION, nodeId, siteId, windowEndMillis, measurements);
    }
}
