package net.voicegslb.gslb.pbx.transport;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import net.voicegslb.gslb.pbx.config.TcpConfig;
import net.voicegslb.gslb.pbx.config.TlsConfig;

/**
 * Our TLS connections to other sites' nodes (peers with {@code transport: tls}, RFC 3261 26, RFC
 * 5630): one per peer, opened at start and kept open with RFC 5626 CRLF keepalives, reopened with
 * backoff when it fails, and reused for every request to that peer; responses and the peer's own
 * requests come back over it. We show our {@code sip.tls} certificate as client certificate and
 * check the peer's against {@code sip.tls.peer_ca_pem} and its {@code tls_server_name}.
 */
public final class PeerLinks implements AutoCloseable {

    /** A TLS peer: where it listens and the name its certificate must carry. */
    public record Peer(String site, InetSocketAddress address, String serverName) {}

    private final Map<InetSocketAddress, PeerLink> links = new LinkedHashMap<>();
    private final List<Peer> peers;
    private final TlsConfig tls;
    private final TcpConfig limits;
    private final int maxMessageSize;
    private final MeterRegistry registry;

    /** @param tls our certificate, the peer CAs and the timeouts; may be null when {@code peers} is empty */
    public PeerLinks(List<Peer> peers, TlsConfig tls, TcpConfig limits, int maxMessageSize, MeterRegistry registry) {
        this.peers = List.copyOf(peers);
        this.tls = tls;
        this.limits = limits;
        this.maxMessageSize = maxMessageSize;
        this.registry = registry;
    }

    /** No TLS peers: every lookup fails, nothing is opened. */
    public static PeerLinks none() {
        return new PeerLinks(List.of(), null, null, 0, null);
    }

    /**
     * Opens the connections on the transport's event loops. {@code local}: the address our
     * connections leave from (our TLS listen address, so peers see the address they know), or
     * null for the kernel's choice.
     */
    public synchronized void start(EventLoopGroup group, boolean epoll, InetAddress local, SipInbound inbound,
            TransportCounters counters) {
        if (peers.isEmpty()) {
            return;
        }
        SslContext context = clientContext(tls);
        for (Peer p : peers) {
            PeerLink link = new PeerLink(p, group.next(), epoll, local, context, tls, limits, maxMessageSize,
                    inbound, counters, new PeerLinkMeters(registry, p.site()));
            links.put(p.address(), link);
            link.open();
        }
    }

    /**
     * The client context: our chain and key as client certificate, only the configured protocol
     * versions, and the peer CAs as the only trust anchors (host names are checked per connection).
     */
    static SslContext clientContext(TlsConfig c) {
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .keyManager(c.key(), c.chain().toArray(new X509Certificate[0]))
                    .trustManager(c.peerCas().toArray(new X509Certificate[0]))
                    .protocols(c.protocols())
                    .endpointIdentificationAlgorithm("HTTPS")
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS to peers with " + c.certFile() + ": " + e.getMessage(),
                    e);
        }
    }

    /** Whether requests to {@code address} go over a TLS connection of ours. */
    public boolean isTlsPeer(InetSocketAddress address) {
        for (Peer p : peers) {
            if (p.address().equals(address)) {
                return true;
            }
        }
        return false;
    }

    public List<Peer> peers() {
        return peers;
    }

    /**
     * Hands the open connection to {@code peer} to {@code ready} (at once when it is up, else once
     * it is: connect and handshake are bounded by peer_connect_timeout and handshake_timeout), or
     * runs {@code failed} when it cannot be had. Callbacks run on the connection's event loop or
     * the caller's thread; they must not block.
     */
    public void whenReady(InetSocketAddress peer, Consumer<SipConnection> ready, Runnable failed) {
        PeerLink link;
        synchronized (this) {
            link = links.get(peer);
        }
        if (link == null) {
            failed.run();
            return;
        }
        link.whenReady(ready, failed);
    }

    @Override
    public synchronized void close() {
        links.values().forEach(PeerLink::close);
    }
}
