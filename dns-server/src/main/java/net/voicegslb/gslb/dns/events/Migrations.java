package net.voicegslb.gslb.dns.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Versioned schema migrations without a framework: scripts {@code V<n>__*.sql} next to this class
 * are applied in order, each in one transaction that also records it in {@code event_schema_version}.
 * A database written by a newer build is refused rather than guessed at. The same scheme as
 * pbx-core's store (dns-server does not depend on pbx-core); the version table has its own name so
 * that both can share one PostgreSQL database.
 */
final class Migrations {

    /** Append only; never edit an applied script. */
    static final List<String> SCRIPTS = List.of("V1__health_and_config_events.sql", "V2__admin_events.sql");

    private Migrations() {}

    static int apply(Jdbi jdbi) {
        jdbi.useHandle(h -> h.execute(
                "CREATE TABLE IF NOT EXISTS event_schema_version (version INT PRIMARY KEY,"
                        + " script VARCHAR(200) NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)"));
        int current = jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(version), 0) FROM event_schema_version")
                .mapTo(Integer.class).one());
        if (current > SCRIPTS.size()) {
            throw new IllegalStateException("database schema version " + current + " is newer than this build ("
                    + SCRIPTS.size() + ")");
        }
        for (int v = current + 1; v <= SCRIPTS.size(); v++) {
            String script = SCRIPTS.get(v - 1);
            String sql = read(script);
            int version = v;
            jdbi.useTransaction(h -> {
                for (String statement : sql.split(";\\s*(\\n|$)")) {
                    String s = statement.lines().filter(l -> !l.trim().startsWith("--"))
                            .reduce("", (a, b) -> a + "\n" + b).trim();
                    if (!s.isEmpty()) {
                        h.execute(s);
                    }
                }
                h.execute("INSERT INTO event_schema_version (version, script) VALUES (?, ?)", version, script);
            });
        }
        return SCRIPTS.size();
    }

    private static String read(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream(script)) {
            if (in == null) {
                throw new IllegalStateException("migration " + script + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + script, e);
        }
    }
}
