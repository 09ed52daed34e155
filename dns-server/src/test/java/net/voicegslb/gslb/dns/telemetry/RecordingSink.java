package net.voicegslb.gslb.dns.telemetry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import net.voicegslb.gslb.policy.telemetry.TelemetryMessage;

/** Keeps what reached the sink; refuses batches with window end 666, as the policy refuses what it cannot use. */
final class RecordingSink implements TelemetrySink {
    final List<TelemetryMessage> messages = new CopyOnWriteArrayList<>();

    @Override
    public void onHello(NodeHello hello, long nowMillis) {
        messages.add(hello);
    }

    @Override
    public void onHeartbeat(NodeHeartbeat heartbeat, long nowMillis) {
        messages.add(heartbeat);
    }

    @Override
    public void onMeasurements(MeasurementBatch batch, long nowMillis) {
        if (batch.windowEndMillis() == 666) {
            throw new IllegalArgumentException("window 666 refused by the test policy");
        }
        messages.add(batch);
    }

    long from(String node, Class<? extends TelemetryMessage> type) {
        return messages.stream().filter(type::isInstance).filter(m -> nodeOf(m).equals(node)).count();
    }

    private static String nodeOf(TelemetryMessage m) {
        if (m instanceof NodeHello h) {
            return h.nodeId();
        } else if (m instanceof NodeHeartbeat hb) {
            return hb.nodeId();
        }
        return ((MeasurementBatch) m).nodeId();
    }
}
