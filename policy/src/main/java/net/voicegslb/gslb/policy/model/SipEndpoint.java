package net.voicegslb.gslb.policy.model;

import java.util.Objects;

/** One SIP listener of a node. */
public record SipEndpoint(SipTransport transport, int port) {
    public SipEndpoint {
        Objects.requireNonNull(transport, "transport");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
