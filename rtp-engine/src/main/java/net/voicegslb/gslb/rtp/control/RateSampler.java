package net.voicegslb.gslb.rtp.control;

import net.voicegslb.gslb.rtp.session.RelayCounters;

/**
 * Packets and bytes per second over the last sample period, sampled by one timer so that the
 * result does not depend on how often (or by how many registries) the gauges are read.
 */
final class RateSampler {

    private final RelayCounters counters;
    private long lastNanos;
    private long lastPackets;
    private long lastBytes;
    private volatile double packetsPerSecond;
    private volatile double bytesPerSecond;

    RateSampler(RelayCounters counters) {
        this.counters = counters;
        this.lastNanos = System.nanoTime();
    }

    /** Called by a single timer thread. */
    void sample(long nowNanos) {
        long packets = counters.relayedPackets.sum();
        long bytes = counters.relayedBytes.sum();
        double seconds = (nowNanos - lastNanos) / 1e9;
        if (seconds > 0) {
            packetsPerSecond = (packets - lastPackets) / seconds;
            bytesPerSecond = (bytes - lastBytes) / seconds;
        }
        lastNanos = nowNanos;
        lastPackets = packets;
        lastBytes = bytes;
    }

    double packetsPerSecond() {
        return packetsPerSecond;
    }

    double bytesPerSecond() {
        return bytesPerSecond;
    }
}
