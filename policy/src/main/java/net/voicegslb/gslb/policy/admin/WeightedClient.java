package net.voicegslb.gslb.policy.admin;

import java.util.Objects;
import net.voicegslb.gslb.policy.model.ClientPrefix;

/**
 * A client network and how much it matters: its recent queries, or 1 each when nothing counts them.
 */
public record WeightedClient(ClientPrefix prefix, long weight) {
    public WeightedClient {
        Objects.requireNonNull(prefix, "prefix");
        if (weight < 0) {
            throw new IllegalArgumentException("weight must be >= 0, was " + weight);
        }
    }
}
