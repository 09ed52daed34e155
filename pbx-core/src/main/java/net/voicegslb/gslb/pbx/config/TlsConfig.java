package net.voicegslb.gslb.pbx.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * SIP over TLS ({@code sip.tls.*}, RFC 3261 26, RFC 5630): separate listeners that speak TLS and
 * then SIP exactly as on TCP, under the same {@code sip.tcp.*} limits. The certificate chain and
 * key were read and checked when the config loaded (a bad file is a config error, a key file
 * others can read is refused), so the transport only builds its context from them.
 *
 * @param listen TLS addresses (RFC 3261 port 5061)
 * @param advertisePort the port written into Via and Record-Route for TLS (the first listen port by default)
 * @param certFile where {@code chain} came from, for messages
 * @param chain the node's certificate first, then intermediates
 * @param key the node's private key (never printed, see {@link #toString})
 * @param clientCas trust anchors for client certificates; empty = clients are not asked for one
 * @param protocols TLS versions offered, e.g. TLSv1.3 and TLSv1.2
 * @param handshakeTimeout a connection that has not finished its handshake by then is closed
 * @param peerCas trust anchors for other sites' nodes (peers with {@code transport: tls}): their
 *        server certificates when we connect, their client certificates when they connect to us
 * @param peerConnectTimeout how long a TCP connect to a TLS peer may take (the handshake then has
 *        {@code handshakeTimeout})
 * @param peerKeepalive a double-CRLF ping on an idle peer connection after this long (RFC 5626
 *        4.4.1); no bytes back within it plus 10 s and the connection is replaced
 */
public record TlsConfig(List<InetSocketAddress> listen, int advertisePort, Path certFile,
        List<X509Certificate> chain, PrivateKey key, List<X509Certificate> clientCas, List<String> protocols,
        Duration handshakeTimeout, List<X509Certificate> peerCas, Duration peerConnectTimeout,
        Duration peerKeepalive) {

    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final String DEFAULT_LISTEN = "127.0.0.1:5061";
    public static final Duration DEFAULT_PEER_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_PEER_KEEPALIVE = Duration.ofSeconds(30);

    public boolean requireClientCertificate() {
        return !clientCas.isEmpty();
    }

    /** Without the key material: configs end up in logs. */
    @Override
    public String toString() {
        return "TlsConfig[listen=" + listen + ", cert=" + certFile + ", clientCertificates="
                + (clientCas.isEmpty() ? "not asked" : clientCas.size() + " CA(s)") + ", protocols=" + protocols
                + ", handshakeTimeout=" + handshakeTimeout + ", peerCas=" + peerCas.size() + "]";
    }
}
