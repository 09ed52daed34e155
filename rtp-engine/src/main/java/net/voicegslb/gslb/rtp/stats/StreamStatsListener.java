package net.voicegslb.gslb.rtp.stats;

/**
 * Where stream statistics go: the probe agent's passive input, adapted by pbx-core. Called on the
 * stream's event loop every statistics interval and once more when the stream closes, so an
 * implementation must return quickly and never block (hand the snapshot to a queue).
 */
@FunctionalInterface
public interface StreamStatsListener {

    void onStreamStats(StreamStats stats);

    StreamStatsListener NONE = stats -> {};
}
