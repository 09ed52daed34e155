package net.voicegslb.gslb.dns.config;

import java.net.InetSocketAddress;
import net.voicegslb.gslb.policy.model.SipTransport;

/**
 * One SIP listener to check: a node's address and port on one transport.
 *
 * @param hostname the node's host name: the TLS server name (SNI) and the name its certificate must
 *                 carry; null checks a TLS certificate against the address instead
 */
public record SipCheckTarget(String nodeId, SipTransport transport, InetSocketAddress address, String hostname) {

    public SipCheckTarget(String nodeId, SipTransport transport, InetSocketAddress address) {
        this(nodeId, transport, address, null);
    }
}
