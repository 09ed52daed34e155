package net.voicegslb.gslb.dns.transport;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** What the transport needs from the configuration. */
public record TransportSettings(
        List<InetSocketAddress> listen,
        int threads,
        Duration tcpIdleTimeout,
        int tcpMaxConnections,
        boolean allowNative) {

    public TransportSettings {
        listen = List.copyOf(listen);
    }
}
