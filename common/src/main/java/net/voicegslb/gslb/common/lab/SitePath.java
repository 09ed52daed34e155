package net.voicegslb.gslb.common.lab;

import java.util.Objects;

/**
 * The conditions between one client network and one site, per direction: {@code up} for what the
 * network sends to the site, {@code down} for what it receives from it. Real paths are often
 * asymmetric, and a round trip measured over them is the sum of both.
 */
public record SitePath(Impairment up, Impairment down) {
    public SitePath {
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(down, "down");
    }

    /** The same conditions both ways. */
    public static SitePath symmetric(Impairment each) {
        return new SitePath(each, each);
    }
}
