package net.voicegslb.gslb.dns.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The event tables through JDBI: batch inserts, newest-first listing, the retention delete. Plain
 * SQL that also runs on PostgreSQL. Blocking; {@link EventLog} calls the writes from its own thread.
 *
 * <p>One connection stays open for the store's lifetime so that an embedded H2 database is not
 * closed and re-opened (file recovery, cache warm-up) around every batch; it is closed by
 * {@link #close()}.
 */
public final class EventStore implements AutoCloseable {

    private final Jdbi jdbi;
    private final Handle keepAlive;

    public EventStore(Jdbi jdbi) {
        this.jdbi = jdbi;
        // Opened first: an in-memory H2 database would otherwise vanish between the migration's handles.
        this.keepAlive = jdbi.open();
        try {
            Migrations.apply(jdbi);
        } catch (RuntimeException e) {
            keepAlive.close();
            throw e;
        }
    }

    /**
     * Opens {@code jdbcUrl}. An embedded H2 file gets {@code DB_CLOSE_ON_EXIT=FALSE}: otherwise H2's
     * own shutdown hook may close the database before {@link EventLog#close()} has written the last
     * transitions of a stopping server.
     */
    public static EventStore open(String jdbcUrl) {
        return new EventStore(Jdbi.create(withH2Defaults(jdbcUrl), "sa", ""));
    }

    static String withH2Defaults(String url) {
        boolean embeddedH2File = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:")
                && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
        if (!embeddedH2File || url.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT")) {
            return url;
        }
        return url + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** Inserts both lists in one transaction. */
    public void insert(List<HealthEvent> health, List<ConfigEvent> config) {
        insert(health, config, List.of());
    }

    /** Inserts the three lists in one transaction. */
    public void insert(List<HealthEvent> health, List<ConfigEvent> config, List<AdminEvent> admin) {
        if (health.isEmpty() && config.isEmpty() && admin.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            if (!health.isEmpty()) {
                PreparedBatch b = h.prepareBatch("INSERT INTO health_event"
                        + " (occurred_at, node, site, from_state, to_state, reason)"
                        + " VALUES (:at, :node, :site, :from, :to, :reason)");
                for (HealthEvent e : health) {
                    b.bind("at", utc(e.at())).bind("node", cut(e.node(), 128)).bind("site", cut(e.site(), 128))
                            .bind("from", cut(e.from(), 16)).bind("to", cut(e.to(), 16))
                            .bind("reason", cut(e.reason(), 1000)).add();
                }
                b.execute();
            }
            if (!config.isEmpty()) {
                PreparedBatch b = h.prepareBatch("INSERT INTO config_event (occurred_at, kind, detail)"
                        + " VALUES (:at, :kind, :detail)");
                for (ConfigEvent e : config) {
                    b.bind("at", utc(e.at())).bind("kind", cut(e.kind(), 64)).bind("detail", cut(e.detail(), 4000))
                            .add();
                }
                b.execute();
            }
            if (!admin.isEmpty()) {
                PreparedBatch b = h.prepareBatch("INSERT INTO admin_event"
                        + " (occurred_at, site, from_state, to_state, actor, reason, until_at, forced)"
                        + " VALUES (:at, :site, :from, :to, :actor, :reason, :until, :forced)");
                for (AdminEvent e : admin) {
                    b.bind("at", utc(e.at())).bind("site", cut(e.site(), 128)).bind("from", cut(e.from(), 16))
                            .bind("to", cut(e.to(), 16)).bind("actor", cut(e.by(), 128))
                            .bind("reason", cut(e.reason(), 1000))
                            .bind("until", e.until() == null ? null : utc(e.until())).bind("forced", e.forced())
                            .add();
                }
                b.execute();
            }
        });
    }

    /**
     * The newest {@code limit} events, newest first. With a filter, only the health and
     * administrative events of that node or site; without, every kind interleaved by time.
     */
    public List<RecordedEvent> recent(int limit, String nodeOrSite) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbi.withHandle(h -> {
            List<RecordedEvent> out = new ArrayList<>(recentHealth(h, limit, nodeOrSite));
            out.addAll(recentAdmin(h, limit, nodeOrSite));
            if (nodeOrSite != null) {
                out.sort(Comparator.comparing(RecordedEvent::at).reversed());
            } else {
                out.addAll(h.createQuery("SELECT occurred_at, kind, detail FROM config_event"
                                + " ORDER BY occurred_at DESC, id DESC")
                        .setMaxRows(limit)
                        .map((rs, ctx) -> new ConfigEvent(instant(rs), rs.getString("kind"), rs.getString("detail")))
                        .list());
                // Stable: within one instant, health rows stay before config rows, each in id order.
                out.sort(Comparator.comparing(RecordedEvent::at).reversed());
            }
            return out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
        });
    }

    private static List<AdminEvent> recentAdmin(Handle h, int limit, String site) {
        String where = site == null ? "" : " WHERE site = :f";
        var query = h.createQuery("SELECT occurred_at, site, from_state, to_state, actor, reason, until_at, forced"
                + " FROM admin_event" + where + " ORDER BY occurred_at DESC, id DESC").setMaxRows(limit);
        if (site != null) {
            query.bind("f", site);
        }
        return query.map((rs, ctx) -> adminEvent(rs)).list();
    }

    private static AdminEvent adminEvent(ResultSet rs) throws SQLException {
        OffsetDateTime until = rs.getObject("until_at", OffsetDateTime.class);
        return new AdminEvent(instant(rs), rs.getString("site"), rs.getString("from_state"), rs.getString("to_state"),
                rs.getString("actor"), rs.getString("reason"), until == null ? null : until.toInstant(),
                rs.getBoolean("forced"));
    }

    /** The latest administrative event of each site, oldest first: what a restarted server re-applies. */
    public List<AdminEvent> latestAdminPerSite() {
        return jdbi.withHandle(h -> h.createQuery("SELECT e.occurred_at, e.site, e.from_state, e.to_state, e.actor,"
                        + " e.reason, e.until_at, e.forced FROM admin_event e WHERE e.id = (SELECT MAX(x.id)"
                        + " FROM admin_event x WHERE x.site = e.site) ORDER BY e.id")
                .map((rs, ctx) -> adminEvent(rs)).list());
    }

    private static List<HealthEvent> recentHealth(Handle h, int limit, String nodeOrSite) {
        String where = nodeOrSite == null ? "" : " WHERE node = :f OR site = :f";
        var query = h.createQuery("SELECT occurred_at, node, site, from_state, to_state, reason FROM health_event"
                + where + " ORDER BY occurred_at DESC, id DESC").setMaxRows(limit);
        if (nodeOrSite != null) {
            query.bind("f", nodeOrSite);
        }
        return query.map((rs, ctx) -> new HealthEvent(instant(rs), rs.getString("node"), rs.getString("site"),
                rs.getString("from_state"), rs.getString("to_state"), rs.getString("reason"))).list();
    }

    /** Deletes every event older than {@code cutoff}; returns how many rows went. */
    public int deleteOlderThan(Instant cutoff) {
        // The latest administrative event of a site stays whatever its age: it is the site's state.
        return jdbi.inTransaction(h -> h.createUpdate("DELETE FROM health_event WHERE occurred_at < :c")
                .bind("c", utc(cutoff)).execute()
                + h.createUpdate("DELETE FROM config_event WHERE occurred_at < :c").bind("c", utc(cutoff)).execute()
                + h.createUpdate("DELETE FROM admin_event WHERE occurred_at < :c AND id NOT IN"
                        + " (SELECT MAX(x.id) FROM admin_event x GROUP BY x.site)").bind("c", utc(cutoff)).execute());
    }

    /** Idempotent: {@link EventLog#close()} closes its store, and an owner may close it again. */
    @Override
    public synchronized void close() {
        if (!keepAlive.isClosed()) {
            keepAlive.close();
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs) throws SQLException {
        return rs.getObject("occurred_at", OffsetDateTime.class).toInstant();
    }

    /** Over-long text is cut rather than failing the whole batch (and losing its neighbours). */
    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
