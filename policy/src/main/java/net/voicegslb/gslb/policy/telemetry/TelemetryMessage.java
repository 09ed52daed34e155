package net.voicegslb.gslb.policy.telemetry;

/** Every payload an agent or DNS node can put in a {@link TelemetryEnvelope}. */
public sealed interface TelemetryMessage permits NodeHello, NodeHeartbeat, MeasurementBatch, ProbeTargetList {
}
