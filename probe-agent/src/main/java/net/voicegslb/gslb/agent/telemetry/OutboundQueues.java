package net.voicegslb.gslb.agent.telemetry;

import java.util.ArrayDeque;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.TelemetryMessage;

/**
 * What waits to be sent to one DNS node: heartbeats first, always, then measurement batches. Both
 * bounded; when full the oldest entry goes (fresh state is worth more than old) and is counted.
 * A heartbeat only says "now", so its queue is tiny. Producers are any thread, the consumer is the
 * link's context; one short monitor guards both.
 */
public final class OutboundQueues {

    private final int heartbeatCapacity;
    private final int batchCapacity;
    private final ArrayDeque<NodeHeartbeat> heartbeats = new ArrayDeque<>();
    private final ArrayDeque<MeasurementBatch> batches = new ArrayDeque<>();
    private long droppedHeartbeats;
    private long droppedBatches;
    private long supersededBatches;

    public OutboundQueues(int heartbeatCapacity, int batchCapacity) {
        if (heartbeatCapacity < 1 || batchCapacity < 1) {
            throw new IllegalArgumentException("capacities must be >= 1");
        }
        this.heartbeatCapacity = heartbeatCapacity;
        this.batchCapacity = batchCapacity;
    }

    public synchronized void offer(NodeHeartbeat hb) {
        if (heartbeats.size() >= heartbeatCapacity) {
            heartbeats.pollFirst();
            droppedHeartbeats++;
        }
        heartbeats.addLast(hb);
    }

    public synchronized void offer(MeasurementBatch batch) {
        if (batches.size() >= batchCapacity) {
            batches.pollFirst();
            droppedBatches++;
        }
        batches.addLast(batch);
    }

    /** The next message to send, heartbeats before batches; null when both are empty. */
    public synchronized TelemetryMessage poll() {
        NodeHeartbeat hb = heartbeats.pollFirst();
        return hb != null ? hb : batches.pollFirst();
    }

    /**
     * Forgets queued deltas because a fresh snapshot is about to be sent, which already contains
     * them. Counted apart from drops: nothing is lost.
     */
    public synchronized void supersedeBatches() {
        supersededBatches += batches.size();
        batches.clear();
    }

    public synchronized int size() {
        return heartbeats.size() + batches.size();
    }

    public synchronized long droppedHeartbeats() {
        return droppedHeartbeats;
    }

    public synchronized long droppedBatches() {
        return droppedBatches;
    }

    public synchronized long supersededBatches() {
        return supersededBatches;
    }
}
