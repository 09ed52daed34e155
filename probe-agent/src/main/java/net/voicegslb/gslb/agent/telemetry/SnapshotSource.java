package net.voicegslb.gslb.agent.telemetry;

import java.util.List;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;

/**
 * The agent's full current state, sent on every (re)connect so that a DNS node that restarted, or
 * missed deltas while we were apart, is refilled at once.
 */
public interface SnapshotSource {

    NodeHello hello();

    /** The latest heartbeat, or null before the first. */
    NodeHeartbeat latestHeartbeat();

    /** Current measurements per prefix, as batches flagged {@code snapshot}, each within the frame limit. */
    List<MeasurementBatch> snapshot();
}
