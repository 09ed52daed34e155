package net.voicegslb.gslb.policy.telemetry;

import java.util.Objects;

/**
 * What travels on the wire: the payload plus what replay protection and ordering need.
 *
 * @param protocolVersion {@link WireProtocol#VERSION} of the sender
 * @param senderId        node id of an agent, or the DNS node's id for messages it sends
 * @param sequence        strictly increasing per sender and connection; a receiver drops repeats
 * @param sentAtMillis    sender's wall clock, for age accounting only (never trusted for ordering)
 * @param payload         the message
 */
public record TelemetryEnvelope(int protocolVersion, String senderId, long sequence, long sentAtMillis,
                                TelemetryMessage payload) {
    public TelemetryEnvelope {
        WireProtocol.check(protocolVersion, "envelope");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(payload, "payload");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0");
        }
    }

    public static TelemetryEnvelope of(String senderId, long sequence, long sentAtMillis, TelemetryMessage payload) {
        return new TelemetryEnvelope(WireProtocol.VERSION, senderId, sequence, sentAtMillis, payload);
    }
}
