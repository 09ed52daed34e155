package net.voicegslb.gslb.dns.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.voicegslb.gslb.dns.config.EventsConfig;
import net.voicegslb.gslb.policy.health.HealthState;
import net.voicegslb.gslb.policy.health.HealthTransition;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {

    private static final Instant T0 = Instant.parse("2026-11-22T03:12:00.123456789Z");
    private static final Duration RETENTION = Duration.ofDays(30);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(T0);

    private static String memUrl() {
        return "jdbc:h2:mem:" + UUID.randomUUID();
    }

    private EventLog log(EventStore store, int capacity) {
        return new EventLog(store, RETENTION, registry, clock, capacity, Duration.ofHours(1));
    }

    private double dropped(String reason) {
        return registry.get("gslb.events.dropped").tag("reason", reason).counter().count();
    }

    private static HealthTransition down(String node) {
        // atMillis is deliberately not a wall-clock time: the log must take its own.
        return new HealthTransition(node, "fra", HealthState.UP, HealthState.DOWN, "3 heartbeats missed", 42);
    }

    @Test
    void transitionsAndConfigEventsAreKeptWithTheClocksTime() {
        try (EventLog log = log(EventStore.open(memUrl()), 100)) {
            log.configEvent("started", "3 sites, 6 nodes");
            clock.advance(Duration.ofSeconds(1));
            log.record(down("fra-1"));

            await().atMost(5, TimeUnit.SECONDS).until(() -> log.recent(10, null).size() == 2);
            Instant truncated = Instant.parse("2026-11-22T03:12:00.123Z");
            assertThat(log.recent(10, null)).containsExactly(
                    new HealthEvent(truncated.plusSeconds(1), "fra-1", "fra", "UP", "DOWN", "3 heartbeats missed"),
                    new ConfigEvent(truncated, "started", "3 sites, 6 nodes"));
            assertThat(registry.get("gslb.events.written").counter().count()).isEqualTo(2);
            assertThat(log.recent(10, "fra-1")).hasSize(1);
        }
    }

    @Test
    void openedFromTheConfigItKeepsEvents(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("events").toAbsolutePath();
        try (EventLog log = EventLog.open(new EventsConfig(url, RETENTION), registry)) {
            log.configEvent("reload_failed", "gslb.yaml:7: gslb.sites.fra.region: missing");
            await().atMost(5, TimeUnit.SECONDS).until(() -> log.recent(10, null).size() == 1);
        }
    }

    @Test
    void eventsPastTheRetentionAreDeletedAtStartAndByLaterSweeps() {
        EventStore store = EventStore.open(memUrl());
        store.insert(List.of(new HealthEvent(T0.minus(RETENTION).minusSeconds(1), "old", "fra", "UP", "DOWN", "")),
                List.of(new ConfigEvent(T0.minus(RETENTION).plusSeconds(60), "started", "young enough")));
        try (EventLog log = log(store, 100)) {
            await().atMost(5, TimeUnit.SECONDS).until(() -> log.recent(10, null).size() == 1);
            assertThat(log.recent(10, null)).extracting(e -> ((ConfigEvent) e).detail())
                    .containsExactly("young enough");

            clock.advance(Duration.ofMinutes(2));
            assertThat(log.sweep()).isEqualTo(1);
            assertThat(log.recent(10, null)).isEmpty();
        }
    }

    @Test
    void aStalledDatabaseCostsEventsNotCallersAndTheLossIsCounted() throws Exception {
        String url = memUrl() + ";DB_CLOSE_DELAY=-1";
        AtomicReference<CountDownLatch> gate = new AtomicReference<>();
        Jdbi jdbi = Jdbi.create(() -> {
            CountDownLatch g = gate.get();
            if (g != null) {
                try {
                    g.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return DriverManager.getConnection(url, "sa", "");
        });
        EventStore store = new EventStore(jdbi);
        CountDownLatch stall = new CountDownLatch(1);
        gate.set(stall);
        EventLog log = log(store, 3);
        try {
            // The writer's first act is the retention sweep, which now waits for a connection:
            // the queue holds 3 and the other 7 must be dropped at once.
            long t0 = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                log.record(down("fra-" + i));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
            assertThat(dropped("queue_full")).isEqualTo(7);
            assertThat(registry.get("gslb.events.queued").gauge().value()).isEqualTo(3);
        } finally {
            stall.countDown();
            gate.set(null);
            log.close();
        }
        // Once the database answers again, close() writes the three that were queued.
        Jdbi after = Jdbi.create(url, "sa", "");
        List<String> kept = after.withHandle(h -> h.createQuery("SELECT node FROM health_event ORDER BY id")
                .mapTo(String.class).list());
        assertThat(kept).containsExactly("fra-0", "fra-1", "fra-2");
        after.useHandle(h -> h.execute("DROP ALL OBJECTS"));
    }

    @Test
    void closeWritesEverythingQueuedBeforeReturning(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("events").toAbsolutePath();
        EventLog log = log(EventStore.open(url), 1000);
        for (int i = 0; i < 500; i++) {
            log.record(down("fra-" + i));
        }
        log.configEvent("stopping", "SIGTERM");
        log.close();

        log.record(down("late"));
        assertThat(dropped("closed")).isEqualTo(1);
        assertThat(dropped("queue_full")).isZero();
        try (EventStore reopened = EventStore.open(url)) {
            assertThat(reopened.recent(1000, null)).hasSize(501);
            assertThat(reopened.recent(1000, "late")).isEmpty();
        }
    }

    @Test
    void failedWritesAreCountedAndTheWriterCarriesOn() {
        String url = memUrl();
        EventStore store = EventStore.open(url);
        Jdbi side = Jdbi.create(url, "sa", "");
        try (EventLog log = log(store, 100)) {
            side.useHandle(h -> h.execute("ALTER TABLE health_event RENAME TO health_event_gone"));
            log.record(down("fra-1"));
            await().atMost(5, TimeUnit.SECONDS).until(() -> dropped("write_failed") == 1);

            side.useHandle(h -> h.execute("ALTER TABLE health_event_gone RENAME TO health_event"));
            log.record(down("fra-2"));
            await().atMost(5, TimeUnit.SECONDS).until(() -> log.recent(10, null).size() == 1);
            assertThat(log.recent(10, null)).extracting(e -> ((HealthEvent) e).node()).containsExactly("fra-2");
        }
    }
}
