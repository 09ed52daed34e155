package net.voicegslb.gslb.pbx.config;

import net.voicegslb.gslb.policy.config.ListenAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated node configuration. Defaults live in the constants below and in
 * deploy/examples/pbx.yaml, which shows every field.
 *
 * @param listen SIP addresses, each served on UDP and TCP
 * @param advertise host written into Via and Record-Route (the first listen address by default)
 * @param storePath H2 database file (without the .mv.db suffix)
 * @param metricsListen where /metrics is served, or null for nowhere
 * @param peers other sites' nodes, tried in order for users not registered here
 * @param peerSecret shared by all sites' nodes, authenticates requests between them (null: no peers)
 * @param sipAliases extra names of this node (service domains, host names) that a Request-URI or Route
 *        may carry; {@code *.example.test} covers every name below it
 * @param proxy what the proxy lets through
 * @param transactions RFC 3261 timers and the server transaction limit
 * @param tcp limits on SIP over TCP
 * @param tls SIP over TLS listeners and their certificate, or null when the node serves no TLS
 */
public record PbxConfig(Path file, List<InetSocketAddress> listen, String advertise, int threads,
        int maxMessageSize, RegistrarConfig registrar, AuthConfig auth, KeepaliveConfig keepalive,
        MediaConfig media, Path storePath, List<TenantConfig> tenants, InetSocketAddress metricsListen,
        List<PeerConfig> peers, String peerSecret, List<String> sipAliases, ProxyConfig proxy,
        TransactionConfig transactions, TcpConfig tcp, TlsConfig tls) {

    public static final String DEFAULT_LISTEN = "127.0.0.1:5060";
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 65_535;

    public PbxConfig withMetricsListen(InetSocketAddress address) {
        return new PbxConfig(file, listen, advertise, threads, maxMessageSize, registrar, auth, keepalive, media,
                storePath, tenants, address, peers, peerSecret, sipAliases, proxy, transactions, tcp, tls);
    }

    public PbxConfig withListen(List<InetSocketAddress> addresses) {
        String adv = advertise;
        if (!addresses.isEmpty() && listen.size() > 0 && advertise.equals(ListenAddress.format(listen.get(0)))) {
            adv = ListenAddress.format(addresses.get(0));
        }
        return new PbxConfig(file, List.copyOf(addresses), adv, threads, maxMessageSize, registrar, auth, keepalive,
                media, storePath, tenants, metricsListen, peers, peerSecret, sipAliases, proxy, transactions, tcp, tls);
    }
}
