package net.voicegslb.gslb.dns.telemetry;

import java.net.SocketAddress;

/** The part of an agent's WebSocket that {@link AgentConnection} uses; keeps the logic off the transport. */
interface AgentSocket {

    void sendBinary(byte[] frame);

    /** False while the peer is not reading fast enough: skip optional sends then. */
    boolean writable();

    boolean isOpen();

    /** Sends a close frame with {@code code} and closes the connection. */
    void close(short code, String reason);

    SocketAddress remoteAddress();
}
