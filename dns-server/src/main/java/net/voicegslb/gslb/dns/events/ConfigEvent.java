package net.voicegslb.gslb.dns.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Something happened to the server's configuration.
 *
 * @param kind   short machine-readable tag: {@code started}, {@code reload_ok}, {@code reload_failed}, ...
 * @param detail for the operator: what changed, or the error with file and line
 */
public record ConfigEvent(Instant at, String kind, String detail) implements RecordedEvent {

    public ConfigEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
    }
}
