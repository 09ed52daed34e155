package net.voicegslb.gslb.pbx.config;

import java.time.Duration;

/** NAT keepalive OPTIONS towards registered contacts; interval zero turns it off. */
public record KeepaliveConfig(Duration interval, Duration timeout) {

    public static KeepaliveConfig defaults() {
        return new KeepaliveConfig(Duration.ofSeconds(30), Duration.ofSeconds(5));
    }
}
