package net.voicegslb.gslb.agent.telemetry;

/**
 * A snapshot of one DNS node link, for logs, metrics and tests.
 *
 * @param connects          successful connections so far
 * @param failures          failed connection attempts (including rejections)
 * @param rejections        upgrades refused with 401/403
 * @param framesSent        frames written on any connection
 * @param droppedHeartbeats heartbeats dropped because the queue was full
 * @param droppedBatches    measurement batches dropped because the queue was full
 * @param supersededBatches queued deltas replaced by a snapshot after a reconnect (not lost)
 * @param lastError         why the last attempt or connection ended, or null
 */
public record LinkStatus(String url, LinkState state, long connects, long failures, long rejections,
                         long framesSent, long droppedHeartbeats, long droppedBatches, long supersededBatches,
                         int queued, String lastError) {
}
