package net.voicegslb.gslb.dns.events;

import java.time.Instant;
import java.util.Objects;

/**
 * An operator changed a site's administrative state, or a drain reached its end.
 *
 * @param by     who: a user, "api" for the bearer token, or "drain ended"
 * @param until  end of the new state, or null when it lasts until undone
 * @param forced the change took the last active site of a service out and was forced
 */
public record AdminEvent(Instant at, String site, String from, String to, String by, String reason, Instant until,
                         boolean forced) implements RecordedEvent {

    public AdminEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        by = by == null ? "" : by;
        reason = reason == null ? "" : reason;
    }
}
