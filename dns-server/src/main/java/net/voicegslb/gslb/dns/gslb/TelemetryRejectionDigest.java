package net.voicegslb.gslb.dns.gslb;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import net.voicegslb.gslb.dns.events.EventLog;

/**
 * Telemetry rejections in the event history, at most one event per {@link #run} (every minute):
 * the count per reason since the last one, read from {@code gslb_telemetry_rejected_total}. A flood
 * of forged frames therefore adds one line a minute, not one per frame, and nothing a sender wrote
 * (node ids, addresses) reaches the history; the log has the details.
 */
final class TelemetryRejectionDigest {

    static final String KIND = "telemetry_rejected";

    private final MeterRegistry registry;
    private final EventLog events;
    private final Map<String, Double> last = new TreeMap<>();

    TelemetryRejectionDigest(MeterRegistry registry, EventLog events) {
        this.registry = registry;
        this.events = events;
    }

    /** Records an event when any reason's count grew since the last run; returns its text or null. */
    String run() {
        StringBuilder sb = new StringBuilder();
        for (Counter c : registry.find("gslb.telemetry.rejected").counters()) {
            String reason = c.getId().getTag("reason");
            double now = c.count();
            double before = last.getOrDefault(reason, 0.0);
            last.put(reason, now);
            if (now > before) {
                sb.append(sb.isEmpty() ? "" : ", ").append((long) (now - before)).append(' ').append(reason);
            }
        }
        if (sb.isEmpty()) {
            return null;
        }
        String text = "frames or connections refused in the last minute: " + sb
                + " (gslb_telemetry_rejected_total; the log names the senders)";
        events.configEvent(KIND, text);
        return text;
    }
}
