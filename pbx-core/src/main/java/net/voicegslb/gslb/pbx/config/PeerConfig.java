package net.voicegslb.gslb.pbx.config;

import java.net.InetSocketAddress;

/**
 * Another site's node. A call to a user with no binding here is tried at the peers in the listed
 * order; requests that arrive from a peer's address are never passed on to peers again (no loops).
 *
 * @param tls         reach the peer over one kept-open TLS connection ({@code transport: tls}) rather
 *                    than UDP; {@code address} is then its TLS listener
 * @param serverName  the name the peer's certificate must carry (DNS or IP subject alternative name),
 *                    both when we connect to it and when it connects to us; its host by default
 */
public record PeerConfig(String site, InetSocketAddress address, boolean tls, String serverName) {

    /** A UDP peer, as configs without {@code transport} have always meant. */
    public PeerConfig(String site, InetSocketAddress address) {
        this(site, address, false, address.getHostString());
    }
}
