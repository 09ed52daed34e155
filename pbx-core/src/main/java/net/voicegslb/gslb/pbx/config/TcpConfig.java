package net.voicegslb.gslb.pbx.config;

import java.time.Duration;

/**
 * Limits on SIP over TCP ({@code sip.tcp.*}), so that connections cost a peer as much as they
 * cost us: at most {@code maxConnections} open and {@code maxConnectionsPerSource} from one
 * address (an IPv6 /64 counts as one), a message must arrive whole within {@code messageTimeout}
 * of its first byte, a connection on which the peer sent nothing (a CRLF keepalive counts) for
 * {@code idleTimeout} is closed, and so is one whose unsent output exceeds {@code maxWriteBacklog}
 * bytes (a peer that does not read).
 */
public record TcpConfig(int maxConnections, int maxConnectionsPerSource, Duration messageTimeout,
        Duration idleTimeout, int maxWriteBacklog) {

    public static TcpConfig defaults() {
        return new TcpConfig(20_000, 200, Duration.ofSeconds(10), Duration.ofMinutes(2), 256 * 1024);
    }
}
