package net.voicegslb.gslb.dns.telemetry;

import java.util.Locale;

/**
 * Why the ingest refused an upgrade or a frame; the {@link #label()} is the {@code reason} tag of
 * {@code gslb_telemetry_rejected_total}.
 */
public enum RejectReason {
    /** The upgrade carried no token, or one that matches no node (HTTP 401). */
    UNKNOWN_CREDENTIAL(false),
    /** Envelope sender or the payload's node id is not the node the connection authenticated as. */
    SENDER_MISMATCH(true),
    /** A hello or batch names a site other than the node's configured one (or the node is not configured). */
    SITE_MISMATCH(true),
    /** Something other than a hello came before the hello. */
    HELLO_REQUIRED(true),
    /** Sequence number not above the last accepted one on this connection. */
    REPLAY(true),
    /** Sent-at time further from our clock than {@code max_clock_skew}. */
    CLOCK_SKEW(true),
    /** Values no real network produces: negative or non-finite RTT or jitter, loss outside [0, 1], ... */
    OUT_OF_RANGE(true),
    /** A prefix that no client lives in (multicast, reserved, unspecified, or too short to mean anything). */
    INVALID_PREFIX(true),
    /** A message agents never send (a probe-target list), or a text frame. */
    UNEXPECTED_TYPE(true),
    /** A WebSocket message above {@code max_frame_bytes}: the connection is closed (1009). */
    FRAME_TOO_LARGE(false),
    /** Bytes the codec cannot decode. */
    MALFORMED(true),
    /** A frame of a protocol version this server does not speak. */
    UNSUPPORTED_VERSION(true),
    /** More frames than the node's token bucket allows; dropped unread. */
    RATE_LIMITED(false),
    /** The sink (policy) refused the message, e.g. an unknown site. */
    REJECTED_BY_POLICY(false),
    /** The sink failed unexpectedly; a bug on our side, logged with its stack trace. */
    INTERNAL_ERROR(false);

    private final boolean violation;
    private final String label;

    RejectReason(boolean violation) {
        this.violation = violation;
        this.label = name().toLowerCase(Locale.ROOT);
    }

    /**
     * True when the agent sent something it never should: enough of these close its connection.
     * Rate limiting and policy refusals are not violations: a well-behaved agent can meet them
     * (a large snapshot after reconnect, a site removed by a reload) and closing would only make
     * it reconnect and send the same again.
     */
    public boolean violation() {
        return violation;
    }

    public String label() {
        return label;
    }
}
