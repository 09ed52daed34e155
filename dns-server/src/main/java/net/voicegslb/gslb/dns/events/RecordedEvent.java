package net.voicegslb.gslb.dns.events;

import java.time.Instant;

/** One row of the event history, as the dashboard and {@code GET /api/v1/events} list it. */
public sealed interface RecordedEvent permits HealthEvent, ConfigEvent, AdminEvent {

    /** When it happened (wall clock, millisecond precision). */
    Instant at();
}
