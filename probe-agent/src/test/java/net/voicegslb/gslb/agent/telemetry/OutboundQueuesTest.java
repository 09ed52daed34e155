package net.voicegslb.gslb.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import org.junit.jupiter.api.Test;

class OutboundQueuesTest {

    static NodeHeartbeat hb(long seq) {
        return NodeHeartbeat.healthy("n1", seq, 0, 0, 0);
    }

    static MeasurementBatch batch(long window) {
        return MeasurementBatch.of("n1", "fra", window, List.of());
    }

    @Test
    void heartbeatsGoBeforeBatchesWhateverTheOrderOfArrival() {
        OutboundQueues q = new OutboundQueues(4, 10);
        q.offer(batch(1));
        q.offer(batch(2));
        q.offer(hb(1));
        assertThat(q.poll()).isEqualTo(hb(1));
        assertThat(q.poll()).isEqualTo(batch(1));
        q.offer(hb(2));
        assertThat(q.poll()).isEqualTo(hb(2));
        assertThat(q.poll()).isEqualTo(batch(2));
        assertThat(q.poll()).isNull();
    }

    @Test
    void fullQueuesDropTheOldestAndCountIt() {
        OutboundQueues q = new OutboundQueues(2, 3);
        for (int i = 1; i <= 5; i++) {
            q.offer(hb(i));
            q.offer(batch(i));
        }
        assertThat(q.size()).isEqualTo(5);
        assertThat(q.droppedHeartbeats()).isEqualTo(3);
        assertThat(q.droppedBatches()).isEqualTo(2);
        assertThat(q.poll()).isEqualTo(hb(4));
        assertThat(q.poll()).isEqualTo(hb(5));
        assertThat(q.poll()).isEqualTo(batch(3));
    }

    @Test
    void aSnapshotSupersedesQueuedDeltasWithoutCountingThemAsDrops() {
        OutboundQueues q = new OutboundQueues(2, 3);
        q.offer(batch(1));
        q.offer(batch(2));
        q.offer(hb(1));
        q.supersedeBatches();
        assertThat(q.supersededBatches()).isEqualTo(2);
        assertThat(q.droppedBatches()).isZero();
        assertThat(q.poll()).isEqualTo(hb(1));
        assertThat(q.poll()).isNull();
    }
}
