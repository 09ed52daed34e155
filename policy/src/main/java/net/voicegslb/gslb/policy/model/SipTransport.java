package net.voicegslb.gslb.policy.model;

/** SIP transports a node can listen on; maps to SRV/NAPTR service names in dns-server. */
public enum SipTransport {
    UDP, TCP, TLS, WS, WSS
}
