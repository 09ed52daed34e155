package net.voicegslb.gslb.pbx.config;

import java.net.InetSocketAddress;

/**
 * Another site's node. A call to a user with no binding here is tried at the peers in the listed
 * order; requests that arrive from a peer's address are never passed on to peers again (no loops).
 */
public record PeerConfig(String site, InetSocketAddress address) {}
