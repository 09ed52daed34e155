/**
 * Telemetry ingest: the agents' authenticated WebSocket streams into the policy, and the resolver
 * prefixes DNS sees sent back to them as probe targets.
 *
 * <h2>Flow of one agent frame</h2>
 * <ol>
 *   <li>{@link net.voicegslb.gslb.dns.telemetry.TelemetryServer}: upgrade at {@code /telemetry/v1}
 *       only (else 404); {@code Authorization: Bearer <token>} matched against every node's
 *       credential, or a client certificate whose CN is a configured node when
 *       {@code tls.client_ca_pem} is set; else 401. A node's newer connection replaces its older.
 *   <li>{@code AgentConnection}: per-node token bucket ({@link net.voicegslb.gslb.dns.telemetry.NodeRateLimiter},
 *       heartbeats on their own small budget) before any decoding; the shared codec; then
 *       {@link net.voicegslb.gslb.dns.telemetry.FrameValidator} (sender = authenticated node, hello
 *       first, configured site, increasing sequence, clock skew, client prefixes); then the
 *       {@link net.voicegslb.gslb.dns.telemetry.TelemetrySink}.
 *   <li>A refused frame is dropped, counted by {@link net.voicegslb.gslb.dns.telemetry.RejectReason}
 *       and logged at WARN (at most once a second per connection). More than 20 protocol
 *       violations within 10 s close that one connection with 1008; other agents never notice.
 * </ol>
 *
 * <h2>Probe targets</h2>
 * {@link net.voicegslb.gslb.dns.telemetry.ResolverSightings#record} runs on the DNS query path
 * (1 query in 16 sampled, lock- and allocation-free when skipped); right after each hello and every
 * {@code probe_targets.interval} every agent gets the busiest /24 and /48 resolver prefixes (at most
 * {@code probe_targets.max}) with their share of queries; counts then halve, so demand fades.
 *
 * <h2>Metrics</h2>
 * <ul>
 *   <li>{@code gslb_telemetry_frames_total{type}}: frames accepted by the sink (hello, heartbeat,
 *       measurement_batch).
 *   <li>{@code gslb_telemetry_rejected_total{reason}}: refused upgrades and frames; reasons are
 *       the lower-case {@link net.voicegslb.gslb.dns.telemetry.RejectReason} names.
 *   <li>{@code gslb_telemetry_auth_failures_total}: upgrades without a valid credential.
 *   <li>{@code gslb_telemetry_connections}: authenticated agent connections open now.
 *   <li>{@code gslb_telemetry_probe_target_lists_total}: probe-target lists sent.
 * </ul>
 */
package net.voicegslb.gslb.dns.telemetry;
