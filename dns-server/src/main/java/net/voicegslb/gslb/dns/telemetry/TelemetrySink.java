package net.voicegslb.gslb.dns.telemetry;

import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;

/**
 * Where validated agent messages go (the policy engine and the event log, wired by the node).
 * Called on the ingest's event loop, one message at a time, in the order each agent sent them; an
 * implementation must therefore be quick and must not block.
 *
 * <p>Throwing {@link IllegalArgumentException} refuses the message: the ingest counts it as
 * {@link RejectReason#REJECTED_BY_POLICY} and the stream goes on.
 */
public interface TelemetrySink {

    void onHello(NodeHello hello, long nowMillis);

    void onHeartbeat(NodeHeartbeat heartbeat, long nowMillis);

    void onMeasurements(MeasurementBatch batch, long nowMillis);
}
