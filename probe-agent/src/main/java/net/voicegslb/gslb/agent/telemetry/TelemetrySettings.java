package net.voicegslb.gslb.agent.telemetry;

/**
 * Knobs of the telemetry client, defaults in {@link #defaults()}.
 *
 * @param heartbeatQueue       heartbeats waiting per node (only the newest matter)
 * @param batchQueue           measurement batches waiting per node
 * @param writeQueueBytes      bytes Vert.x may buffer per socket before we stop writing and queue
 * @param backoffBaseMillis    first reconnect delay (then doubling, equal jitter)
 * @param backoffCapMillis     longest reconnect delay
 * @param stableAfterMillis    a connection that lived this long resets the backoff
 * @param connectTimeoutMillis TCP + TLS + upgrade must finish within this
 */
public record TelemetrySettings(int heartbeatQueue, int batchQueue, int writeQueueBytes, long backoffBaseMillis,
                                long backoffCapMillis, long stableAfterMillis, int connectTimeoutMillis) {

    public static TelemetrySettings defaults() {
        return new TelemetrySettings(4, 256, 256 * 1024, 500, 30_000, 10_000, 5_000);
    }
}
