package net.voicegslb.gslb.policy.telemetry;

import java.util.List;
import java.util.Objects;

/**
 * Measurements of one node, for its site, over one reporting window.
 *
 * @param windowEndMillis end of the window on the sender's clock (informational)
 * @param snapshot        true when the batch is part of the full state an agent sends after each
 *                        (re)connect; false for a delta (only prefixes measured since the last batch).
 *                        A receiver that restarted knows from it that it is being refilled.
 */
public record MeasurementBatch(int protocolVersion, String nodeId, String siteId, long windowEndMillis,
                               List<PrefixMeasurement> measurements, boolean snapshot) implements TelemetryMessage {
    public MeasurementBatch {
        WireProtocol.check(protocolVersion, "measurement batch");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(siteId, "siteId");
        measurements = List.copyOf(measurements);
    }

    /** A delta batch (the shape every caller used before the snapshot flag existed). */
    public MeasurementBatch(int protocolVersion, String nodeId, String siteId, long windowEndMillis,
                            List<PrefixMeasurement> measurements) {
        this(protocolVersion, nodeId, siteId, windowEndMillis, measurements, false);
    }

    public static MeasurementBatch of(String nodeId, String siteId, long windowEndMillis,
                                      List<PrefixMeasurement> measurements) {
        return new MeasurementBatch(WireProtocol.VERSION, nodeId, siteId, windowEndMillis, measurements);
    }
}
