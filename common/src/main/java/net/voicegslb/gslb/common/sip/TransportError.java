package net.voicegslb.gslb.common.sip;

/**
 * Why an OPTIONS got no usable final response, as a kind a caller can switch on; the outcome's
 * detail says it in words for the event log.
 */
public enum TransportError {
    /** Sent, nothing (matching) came back within the timeout. */
    NO_RESPONSE,
    /** ICMP port unreachable on a connected UDP socket: the host is up, its SIP service is gone. */
    PORT_UNREACHABLE,
    CONNECTION_REFUSED,
    CONNECT_TIMEOUT,
    NO_ROUTE,
    /** The peer closed the connection, or the connection broke, before the response. */
    CONNECTION_CLOSED,
    TLS_HANDSHAKE_TIMEOUT,
    /** Untrusted chain, wrong name, protocol failure. */
    TLS_HANDSHAKE,
    TLS_CERTIFICATE_EXPIRED,
    TLS_CERTIFICATE_NOT_YET_VALID,
    TLS_NO_CERTIFICATE,
    /** A message from the peer that is no SIP response we can read. */
    MALFORMED_RESPONSE,
    /** A stream we cannot cut into messages (too long, bad Content-Length). */
    UNFRAMEABLE_STREAM,
    /** The client was closed, or a new request replaced this one. */
    ABANDONED,
    OTHER
}
