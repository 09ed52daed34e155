package net.voicegslb.gslb.dns.gslb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import net.voicegslb.gslb.dns.events.ConfigEvent;
import net.voicegslb.gslb.dns.events.EventLog;
import net.voicegslb.gslb.dns.events.EventStore;
import org.junit.jupiter.api.Test;

class TelemetryRejectionDigestTest {

    @Test
    void oneEventPerRunWithTheCountsSinceTheLastAndNoneWhenQuiet() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Counter rate = Counter.builder("gslb.telemetry.rejected").tag("reason", "rate_limited").register(registry);
        Counter token = Counter.builder("gslb.telemetry.rejected").tag("reason", "unknown_credential").register(registry);
        try (EventLog events = new EventLog(EventStore.open("jdbc:h2:mem:" + UUID.randomUUID()), Duration.ofDays(1),
                registry)) {
            TelemetryRejectionDigest digest = new TelemetryRejectionDigest(registry, events);
            assertThat(digest.run()).isNull();
            rate.increment(1000);
            token.increment(3);
            assertThat(digest.run()).isEqualTo("frames or connections refused in the last minute: 1000 rate_limited,"
                    + " 3 unknown_credential (gslb_telemetry_rejected_total; the log names the senders)");
            assertThat(digest.run()).as("nothing new").isNull();
            token.increment();
            assertThat(digest.run()).contains(": 1 unknown_credential (");
            await().atMost(Duration.ofSeconds(5)).until(() -> events.recent(10, null).size() == 2);
            assertThat(events.recent(10, null)).allSatisfy(e -> assertThat(((ConfigEvent) e).kind())
                    .isEqualTo(TelemetryRejectionDigest.KIND));
        }
    }
}
