package net.voicegslb.gslb.dns.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The DNS server's configuration, validated. Defaults live here, in one place, and in the
 * commented example {@code deploy/examples/gslb.yaml}.
 */
public record DnsConfig(
        Path file,
        List<InetSocketAddress> listen,
        int threads,
        int udpMaxPayload,
        Duration tcpIdleTimeout,
        int tcpMaxConnections,
        int missCacheSize,
        List<ZoneConfig> zones,
        AdminConfig admin,
        GslbConfig gslb) {

    public static final String DEFAULT_LISTEN = "127.0.0.1:5353";
    /** RFC 6891 and DNS Flag Day 2020: large enough for SRV sets, small enough to avoid fragments. */
    public static final int DEFAULT_UDP_MAX_PAYLOAD = 1232;
    /** RFC 7766 section 6.2.3 suggests seconds, not minutes, for an idle connection. */
    public static final Duration DEFAULT_TCP_IDLE_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_TCP_MAX_CONNECTIONS = 1024;
    public static final int DEFAULT_MISS_CACHE = 100_000;
    public static final String DEFAULT_ADMIN_LISTEN = "127.0.0.1:8053";
    public static final String DEFAULT_TOKEN_FILE = "admin.token";

    public DnsConfig {
        listen = List.copyOf(listen);
        zones = List.copyOf(zones);
    }

    public DnsConfig withListen(List<InetSocketAddress> override) {
        return new DnsConfig(file, override, threads, udpMaxPayload, tcpIdleTimeout, tcpMaxConnections,
                missCacheSize, zones, admin, gslb);
    }

    public DnsConfig withAdmin(AdminConfig override) {
        return new DnsConfig(file, listen, threads, udpMaxPayload, tcpIdleTimeout, tcpMaxConnections,
                missCacheSize, zones, override, gslb);
    }

    /** True when dynamic GSLB names are configured. */
    public boolean hasGslb() {
        return gslb != null;
    }

    /** Event loops to run: the configured count, or one per available processor. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
