package net.voicegslb.gslb.dns.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A node changed health state.
 *
 * @param from   the state before ({@code UP}, {@code DEGRADED}, {@code DOWN})
 * @param to     the state after
 * @param reason why, in the words of the health machine (missed heartbeats, SIP check, own report)
 */
public record HealthEvent(Instant at, String node, String site, String from, String to, String reason)
        implements RecordedEvent {

    public HealthEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(node, "node");
        site = site == null ? "" : site;
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        reason = reason == null ? "" : reason;
    }
}
