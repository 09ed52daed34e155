package net.voicegslb.gslb.pbx.keepalive;

import java.net.InetSocketAddress;

/**
 * One keepalive OPTIONS round trip to a registered contact (its NATed source address).
 * {@code rttNanos} is -1 when no response came within the timeout; any response counts as an
 * answer (a phone may well say 405 to OPTIONS: the network path still worked).
 */
public record KeepaliveResult(String aor, InetSocketAddress target, String clientPrefix, long rttNanos, int status,
        long atMillis) {

    public boolean answered() {
        return rttNanos >= 0;
    }
}
