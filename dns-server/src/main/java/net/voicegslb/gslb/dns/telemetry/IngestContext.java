package net.voicegslb.gslb.dns.telemetry;

import java.util.function.LongSupplier;
import java.util.function.Supplier;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.telemetry.wire.TelemetryFrameCodec;

/**
 * What every agent connection of one server shares; all of it used on the server's event loop.
 *
 * @param serverId    sender id of the frames this server sends
 * @param clockMillis wall clock, for skew checks and what the sink is told
 */
record IngestContext(TelemetryFrameCodec codec, FrameValidator validator, NodeRateLimiter limiter,
                     TelemetrySink sink, TelemetryMetrics metrics, Supplier<Inventory> inventory,
                     LongSupplier clockMillis, String serverId) {
}
