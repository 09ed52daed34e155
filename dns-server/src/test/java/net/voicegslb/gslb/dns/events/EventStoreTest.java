package net.voicegslb.gslb.dns.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-22T03:12:00.123Z");

    private final String url = "jdbc:h2:mem:" + UUID.randomUUID();
    private final EventStore store = EventStore.open(url);

    @AfterEach
    void close() {
        store.close();
    }

    private static HealthEvent health(int secondsAfter, String node, String site, String to) {
        return new HealthEvent(T0.plusSeconds(secondsAfter), node, site, "UP", to, "3 heartbeats missed");
    }

    @Test
    void whatIsWrittenIsReadBackFieldForField() {
        HealthEvent h = new HealthEvent(T0, "fra-1", "fra", "UP", "DOWN", "SIP check: 503 Service Unavailable");
        ConfigEvent c = new ConfigEvent(T0.plusMillis(1), "reload_failed", "gslb.yaml:3: dns.threads: not a number");
        store.insert(List.of(h), List.of(c));

        assertThat(store.recent(10, null)).containsExactly(c, h);
    }

    @Test
    void newestFirstWithHealthAndConfigInterleavedByTime() {
        store.insert(List.of(health(1, "fra-1", "fra", "DOWN"), health(3, "nyc-1", "nyc", "DOWN")),
                List.of(new ConfigEvent(T0.plusSeconds(2), "reload_ok", ""),
                        new ConfigEvent(T0, "started", "3 sites")));

        assertThat(store.recent(10, null)).extracting(RecordedEvent::at)
                .containsExactly(T0.plusSeconds(3), T0.plusSeconds(2), T0.plusSeconds(1), T0);
        assertThat(store.recent(2, null)).extracting(RecordedEvent::at)
                .containsExactly(T0.plusSeconds(3), T0.plusSeconds(2));
        assertThat(store.recent(0, null)).isEmpty();
    }

    @Test
    void filterMatchesNodeOrSiteAndLeavesConfigEventsOut() {
        store.insert(List.of(health(1, "fra-1", "fra", "DOWN"), health(2, "fra-2", "fra", "DEGRADED"),
                        health(3, "nyc-1", "nyc", "DOWN")),
                List.of(new ConfigEvent(T0.plusSeconds(4), "reload_ok", "")));

        assertThat(store.recent(10, "fra-2")).extracting(e -> ((HealthEvent) e).node()).containsExactly("fra-2");
        assertThat(store.recent(10, "fra")).extracting(e -> ((HealthEvent) e).node())
                .containsExactly("fra-2", "fra-1");
        assertThat(store.recent(10, "sin")).isEmpty();
    }

    @Test
    void deleteOlderThanKeepsTheCutoffAndLaterRows() {
        store.insert(List.of(health(0, "fra-1", "fra", "DOWN"), health(10, "fra-1", "fra", "UP")),
                List.of(new ConfigEvent(T0.plusSeconds(5), "reload_ok", ""),
                        new ConfigEvent(T0.plusSeconds(20), "reload_ok", "")));

        assertThat(store.deleteOlderThan(T0.plusSeconds(10))).isEqualTo(2);
        assertThat(store.recent(10, null)).extracting(RecordedEvent::at)
                .containsExactly(T0.plusSeconds(20), T0.plusSeconds(10));
    }

    @Test
    void overlongTextIsCutInsteadOfLosingTheBatch() {
        String reason = "x".repeat(5000);
        store.insert(List.of(new HealthEvent(T0, "fra-1", "fra", "UP", "DOWN", reason)), List.of());

        HealthEvent back = (HealthEvent) store.recent(1, null).get(0);
        assertThat(back.reason()).hasSize(1000).startsWith("xxx").endsWith("…");
    }

    private static AdminEvent admin(int secondsAfter, String site, String to, Instant until) {
        return new AdminEvent(T0.plusSeconds(secondsAfter), site, "ACTIVE", to, "alice", "kernel update", until, false);
    }

    @Test
    void adminEventsAreReadBackWithTheOthersAndByTheirSite() {
        AdminEvent drain = admin(1, "nyc", "DRAIN", T0.plusSeconds(1800));
        AdminEvent disable = new AdminEvent(T0.plusSeconds(2), "fra", "ACTIVE", "DISABLED", "api", "", null, true);
        store.insert(List.of(health(3, "nyc-1", "nyc", "DOWN")), List.of(), List.of(drain, disable));

        assertThat(store.recent(10, null)).containsExactly(health(3, "nyc-1", "nyc", "DOWN"), disable, drain);
        assertThat(store.recent(10, "nyc")).containsExactly(health(3, "nyc-1", "nyc", "DOWN"), drain);
    }

    @Test
    void theLatestAdminEventOfEachSiteOutlivesTheRetention() {
        store.insert(List.of(), List.of(), List.of(admin(1, "nyc", "DRAIN", T0.plusSeconds(60)),
                admin(2, "nyc", "DISABLED", null), admin(3, "fra", "DRAIN", T0.plusSeconds(60))));
        assertThat(store.latestAdminPerSite()).containsExactly(admin(2, "nyc", "DISABLED", null),
                admin(3, "fra", "DRAIN", T0.plusSeconds(60)));

        assertThat(store.deleteOlderThan(T0.plusSeconds(3600))).isEqualTo(1);
        assertThat(store.latestAdminPerSite()).containsExactly(admin(2, "nyc", "DISABLED", null),
                admin(3, "fra", "DRAIN", T0.plusSeconds(60)));
    }

    @Test
    void aFileDatabaseKeepsEventsAcrossReopeningAndMigratesOnce(@TempDir Path dir) {
        String file = "jdbc:h2:file:" + dir.resolve("events").toAbsolutePath();
        try (EventStore first = EventStore.open(file)) {
            first.insert(List.of(health(1, "fra-1", "fra", "DOWN")), List.of());
        }
        try (EventStore second = EventStore.open(file)) {
            assertThat(second.recent(10, null)).containsExactly(health(1, "fra-1", "fra", "DOWN"));
        }
        Integer versions = Jdbi.create(file, "sa", "").withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM event_schema_version").mapTo(Integer.class).one());
        assertThat(versions).isEqualTo(Migrations.SCRIPTS.size());
    }

    @Test
    void aDatabaseFromANewerBuildIsRefused() {
        Jdbi.create(url, "sa", "").useHandle(h -> h.execute(
                "INSERT INTO event_schema_version (version, script) VALUES (?, ?)", 99, "V99__future.sql"));

        assertThatThrownBy(() -> EventStore.open(url).close()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("newer than this build");
    }

    @Test
    void embeddedH2FilesOutliveH2sOwnShutdownHookOtherUrlsAreLeftAlone() {
        assertThat(EventStore.withH2Defaults("jdbc:h2:file:/var/lib/gslb/events"))
                .isEqualTo("jdbc:h2:file:/var/lib/gslb/events;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(EventStore.withH2Defaults("jdbc:h2:/var/lib/gslb/events;DB_CLOSE_ON_EXIT=TRUE"))
                .isEqualTo("jdbc:h2:/var/lib/gslb/events;DB_CLOSE_ON_EXIT=TRUE");
        assertThat(EventStore.withH2Defaults("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
        assertThat(EventStore.withH2Defaults("jdbc:postgresql://db/gslb")).isEqualTo("jdbc:postgresql://db/gslb");
    }
}
