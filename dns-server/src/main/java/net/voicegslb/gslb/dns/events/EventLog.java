package net.voicegslb.gslb.dns.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.dns.config.EventsConfig;
import net.voicegslb.gslb.policy.admin.AdminChange;
import net.voicegslb.gslb.policy.admin.SiteAdminOverride;
import net.voicegslb.gslb.policy.health.HealthTransition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history of health transitions and config events: each is logged at once and written to the
 * {@link EventStore} later, by one writer thread fed through a bounded queue. Callers (Netty event
 * loops among them) never wait for the database: when the queue is full the event is still logged
 * but not kept, and counted. The writer also deletes events older than the retention, at start and
 * then every {@code sweepEvery}.
 *
 * <p>Times are taken from the injected clock when the event is recorded, not from
 * {@link HealthTransition#atMillis()}, which the policy may count on a monotonic clock.
 *
 * <p>Metrics:
 * <ul>
 *   <li>{@code gslb_events_dropped_total{reason}}: events logged but not kept: {@code queue_full}
 *       (the database is slower than the events), {@code write_failed} (the insert failed),
 *       {@code closed} (recorded after {@link #close()}).
 *   <li>{@code gslb_events_written_total}: events kept.
 *   <li>{@code gslb_events_queued}: events waiting for the writer.
 * </ul>
 */
public final class EventLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofHours(1);
    /** Rows per insert transaction: large enough to catch up after a stall, small enough to commit quickly. */
    private static final int BATCH = 500;
    /** How long the writer waits for work before checking for close and for a due sweep. */
    private static final long IDLE_POLL_MILLIS = 100;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final EventStore store;
    private final Duration retention;
    private final Duration sweepEvery;
    private final Clock clock;
    private final BlockingQueue<RecordedEvent> queue;
    private final Counter droppedFull;
    private final Counter droppedFailed;
    private final Counter droppedClosed;
    private final Counter written;
    private final Thread writer;
    private volatile boolean closed;
    private Instant nextSweep;

    /** The usual wiring: system clock, default queue size, hourly retention sweep. */
    public EventLog(EventStore store, Duration retention, MeterRegistry registry) {
        this(store, retention, registry, Clock.systemUTC(), DEFAULT_QUEUE_CAPACITY, DEFAULT_SWEEP_INTERVAL);
    }

    /** Opens the configured database (migrating it) and starts the writer. */
    public static EventLog open(EventsConfig config, MeterRegistry registry) {
        return new EventLog(EventStore.open(config.jdbcUrl()), config.retention(), registry);
    }

    public EventLog(EventStore store, Duration retention, MeterRegistry registry, Clock clock, int queueCapacity,
            Duration sweepEvery) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("events retention must be positive, not " + retention);
        }
        this.store = store;
        this.retention = retention;
        this.sweepEvery = sweepEvery;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.droppedFull = dropped(registry, "queue_full");
        this.droppedFailed = dropped(registry, "write_failed");
        this.droppedClosed = dropped(registry, "closed");
        this.written = Counter.builder("gslb.events.written").description("Events kept in the event store")
                .register(registry);
        Gauge.builder("gslb.events.queued", queue, BlockingQueue::size)
                .description("Events waiting to be written to the event store").register(registry);
        this.nextSweep = clock.instant();
        this.writer = new Thread(this::writeLoop, "gslb-event-writer");
        writer.setDaemon(true);
        writer.start();
    }

    private static Counter dropped(MeterRegistry registry, String reason) {
        return Counter.builder("gslb.events.dropped").description("Events logged but not kept")
                .tag("reason", reason).register(registry);
    }

    /** Logs a node's health transition and queues it for the store. Never blocks. */
    public void record(HealthTransition t) {
        LOG.info("health node={} site={} {} -> {}: {}", t.nodeId(), t.siteId(), t.from(), t.to(), t.reason());
        enqueue(new HealthEvent(now(), t.nodeId(), t.siteId(), t.from().name(), t.to().name(), t.reason()));
    }

    /**
     * Logs a configuration event ({@code started}, {@code reload_ok}, {@code reload_failed}, ...) and
     * queues it for the store; kinds ending in {@code _failed} are logged as warnings. Never blocks.
     */
    public void configEvent(String kind, String detail) {
        if (kind.endsWith("_failed")) {
            LOG.warn("config {}: {}", kind, detail);
        } else {
            LOG.info("config {}: {}", kind, detail);
        }
        enqueue(new ConfigEvent(now(), kind, detail));
    }

    /**
     * Logs an administrative change of a site (an operator's, or a drain's end) and queues it for
     * the store. Never blocks.
     */
    public void adminChange(AdminChange c) {
        Instant until = c.untilMillis() == SiteAdminOverride.NO_END ? null : Instant.ofEpochMilli(c.untilMillis());
        LOG.info("admin site={} {} -> {} by {}{}{}{}", c.siteId(), c.from(), c.to(), c.by(),
                until == null ? "" : " until " + until, c.forced() ? " (forced)" : "",
                c.reason().isEmpty() ? "" : ": " + c.reason());
        enqueue(new AdminEvent(now(), c.siteId(), c.from().name(), c.to().name(), c.by(), c.reason(), until,
                c.forced()));
    }

    /** The latest administrative event of each site; see {@link EventStore#latestAdminPerSite}. Blocking. */
    public List<AdminEvent> latestAdminPerSite() {
        return store.latestAdminPerSite();
    }

    /** The newest kept events, newest first; see {@link EventStore#recent}. Blocking (a query). */
    public List<RecordedEvent> recent(int limit, String nodeOrSiteFilter) {
        return store.recent(limit, nodeOrSiteFilter);
    }

    /** Deletes events older than the retention now; returns how many. Blocking. */
    public int sweep() {
        int n = store.deleteOlderThan(clock.instant().minus(retention));
        if (n > 0) {
            LOG.info("events: {} older than {} deleted", n, retention);
        }
        return n;
    }

    private Instant now() {
        // Millisecond precision survives every database's TIMESTAMP, so what is read equals what was written.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private void enqueue(RecordedEvent e) {
        if (closed) {
            droppedClosed.increment();
        } else if (!queue.offer(e)) {
            droppedFull.increment();
        }
    }

    private void writeLoop() {
        List<RecordedEvent> batch = new ArrayList<>(BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                sweepIfDue();
                RecordedEvent first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                // Only close() could interrupt us, and it does not; keep draining what is queued.
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<RecordedEvent> batch) {
        List<HealthEvent> health = new ArrayList<>();
        List<ConfigEvent> config = new ArrayList<>();
        List<AdminEvent> admin = new ArrayList<>();
        for (RecordedEvent e : batch) {
            if (e instanceof HealthEvent h) {
                health.add(h);
            } else if (e instanceof ConfigEvent c) {
                config.add(c);
            } else if (e instanceof AdminEvent a) {
                admin.add(a);
            }
        }
        try {
            store.insert(health, config, admin);
            written.increment(batch.size());
        } catch (RuntimeException e) {
            droppedFailed.increment(batch.size());
            LOG.warn("events: {} not kept, the event store failed: {}", batch.size(), e.toString());
        }
    }

    private void sweepIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(sweepEvery);
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("events: retention sweep failed: {}", e.toString());
        }
    }

    /** Stops accepting events, writes what is queued (waiting up to 10 s), then closes the store. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warn("events: writer still busy after {}; {} events not kept", CLOSE_WAIT, queue.size());
        } else {
            // Events that raced close() past the flag after the writer's last look.
            droppedClosed.increment(queue.size());
            store.close();
        }
    }
}
