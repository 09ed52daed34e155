package net.voicegslb.gslb.dns.config;

import java.net.InetSocketAddress;
import net.voicegslb.gslb.policy.model.SipTransport;

/** One SIP listener to check: a node's address and port on UDP or TCP. */
public record SipCheckTarget(String nodeId, SipTransport transport, InetSocketAddress address) {}
