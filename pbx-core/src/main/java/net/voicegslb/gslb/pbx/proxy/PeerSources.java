package net.voicegslb.gslb.pbx.proxy;

import java.net.InetSocketAddress;
import java.util.List;
import net.voicegslb.gslb.pbx.transport.SipConnection;
import net.voicegslb.gslb.pbx.transport.Transport;

/**
 * Whether a request's connection is one a peer site may use; the peer token is checked on top
 * (never an address or certificate alone). Over UDP/TCP: the source is the address of a UDP peer,
 * as before TLS peers existed. Over TLS: the connection's verified certificate names a TLS peer
 * ({@link PeerIdentity}); the source address counts for nothing there, so that with TLS
 * between sites a forged or borrowed address does not make anyone a peer.
 */
public final class PeerSources {

    private final List<InetSocketAddress> udpPeers;
    private final PeerIdentity tlsPeers;

    public PeerSources(List<InetSocketAddress> udpPeers, PeerIdentity tlsPeers) {
        this.udpPeers = List.copyOf(udpPeers);
        this.tlsPeers = tlsPeers;
    }

    /** Only UDP peers at these addresses (configs without TLS peers). */
    public static PeerSources udp(List<InetSocketAddress> peers) {
        return new PeerSources(peers, new PeerIdentity(List.of(), java.util.Map.of()));
    }

    public boolean fromPeer(SipConnection c) {
        if (c.transport() == Transport.TLS) {
            return tlsPeers.site(c.verifiedChain()) != null;
        }
        return udpPeers.contains(c.remote());
    }
}
