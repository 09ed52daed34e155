package net.voicegslb.gslb.policy.telemetry;

import java.util.Objects;
import net.voicegslb.gslb.policy.model.ClientPrefix;

/**
 * Aggregated network conditions from one node's site towards one client prefix over a window.
 *
 * @param rttMillis    mean round-trip time
 * @param jitterMillis mean interarrival jitter
 * @param lossRatio    fraction of packets lost, in [0, 1]
 * @param sampleCount  how many samples the means cover; weights the store's averages
 */
public record PrefixMeasurement(ClientPrefix prefix, MeasurementSource source, double rttMillis,
                                double jitterMillis, double lossRatio, int sampleCount) {
    public PrefixMeasurement {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(source, "source");
        if (!(rttMillis >= 0 && rttMillis < 60_000) || !(jitterMillis >= 0 && jitterMillis < 60_000)) {
            throw new IllegalArgumentException("rtt and jitter must be in [0, 60000) ms");
        }
        if (!(lossRatio >= 0 && lossRatio <= 1)) {
            throw new IllegalArgumentException("lossRatio must be in [0, 1], was " + lossRatio);
        }
        if (sampleCount <= 0) {
            throw new IllegalArgumentException("sampleCount must be > 0");
        }
    }
}
