package net.voicegslb.gslb.dns.telemetry;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-node frame budget: a token bucket of {@code framesPerSecond} with depth {@code burst} for
 * hellos and batches, and a separate small bucket for heartbeats, so that a node flooding batches
 * still gets its heartbeats through (and stays alive in the policy) while the flood is dropped.
 * Buckets are kept per node, not per connection, so reconnecting does not refill them.
 *
 * <p>Pure logic on a caller-supplied monotonic clock; not thread-safe (the ingest calls it from its
 * single event loop). Memory is bounded by the number of configured nodes: only authenticated
 * connections reach it.
 */
public final class NodeRateLimiter {

    /** Agents send one heartbeat a second; twice that leaves room for jitter and reconnects. */
    public static final double HEARTBEATS_PER_SECOND = 2;
    public static final int HEARTBEAT_BURST = 5;

    private final int framesPerSecond;
    private final int burst;
    private final Map<String, Buckets> nodes = new HashMap<>();

    private static final class Buckets {
        final TokenBucket frames;
        final TokenBucket heartbeats;

        Buckets(TokenBucket frames, TokenBucket heartbeats) {
            this.frames = frames;
            this.heartbeats = heartbeats;
        }
    }

    public NodeRateLimiter(int framesPerSecond, int burst) {
        if (framesPerSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("frames per second and burst must be > 0");
        }
        this.framesPerSecond = framesPerSecond;
        this.burst = burst;
    }

    /** True when the node may send this frame now; false means drop it. */
    public boolean tryAcquire(String nodeId, boolean heartbeat, long nowNanos) {
        Buckets b = nodes.computeIfAbsent(nodeId, k -> new Buckets(
                new TokenBucket(framesPerSecond, Math.max(1, burst), nowNanos),
                new TokenBucket(HEARTBEATS_PER_SECOND, HEARTBEAT_BURST, nowNanos)));
        return heartbeat ? b.heartbeats.tryTake(nowNanos) : b.frames.tryTake(nowNanos);
    }

    /** Drops a node's buckets (its credentials were removed). */
    public void forget(String nodeId) {
        nodes.remove(nodeId);
    }

    int trackedNodes() {
        return nodes.size();
    }
}
