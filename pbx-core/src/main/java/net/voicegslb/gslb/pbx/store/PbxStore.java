package net.voicegslb.gslb.pbx.store;

import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Tenants and users in H2 through JDBI. Plain SQL that also runs on PostgreSQL (MERGE is
 * written as delete + insert in one transaction for that reason).
 */
public final class PbxStore {

    private final Jdbi jdbi;

    public PbxStore(Jdbi jdbi) {
        this.jdbi = jdbi;
        Migrations.apply(jdbi);
    }

    /**
     * An embedded H2 file database; fails fast when another process holds it, or when the file is
     * open to other users (see {@link StoreFiles}). No trace file: it could log SQL with hashes.
     */
    public static PbxStore openFile(Path path) {
        StoreFiles.prepare(path);
        String url = "jdbc:h2:file:" + path.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0";
        return new PbxStore(Jdbi.create(url, "sa", ""));
    }

    public static PbxStore inMemory(String name) {
        return new PbxStore(Jdbi.create("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", ""));
    }

    public void upsertTenant(String domain, boolean authRequired) {
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("UPDATE tenant SET auth_required = :a WHERE domain = :d")
                    .bind("a", authRequired).bind("d", domain).execute();
            if (n == 0) {
                h.createUpdate("INSERT INTO tenant (domain, auth_required) VALUES (:d, :a)")
                        .bind("d", domain).bind("a", authRequired).execute();
            }
        });
    }

    public boolean tenantExists(String domain) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM tenant WHERE domain = :d")
                .bind("d", domain).mapTo(Integer.class).one()) > 0;
    }

    /** Inserts or replaces users in batches. */
    public void putUsers(List<UserCredentials> users) {
        jdbi.useTransaction(h -> {
            PreparedBatch del = h.prepareBatch("DELETE FROM sip_user WHERE domain = :domain AND username = :username");
            PreparedBatch ins = h.prepareBatch("INSERT INTO sip_user (domain, username, ha1_md5, ha1_sha256)"
                    + " VALUES (:domain, :username, :ha1Md5, :ha1Sha256)");
            for (UserCredentials u : users) {
                del.bindMethods(u).add();
                ins.bindMethods(u).add();
            }
            if (!users.isEmpty()) {
                del.execute();
                ins.execute();
            }
        });
    }

    /**
     * Makes the tenant's config-provisioned users exactly {@code users}: those no longer listed are
     * deleted, the listed ones inserted or replaced (and from then on owned by the config). Users
     * added with {@code gslb pbx user add} and not in the config stay. One transaction: a reader
     * never sees the tenant without its users.
     */
    public void replaceConfigUsers(String domain, List<UserCredentials> users) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM sip_user WHERE domain = :d AND origin = 'config'").bind("d", domain).execute();
            PreparedBatch del = h.prepareBatch("DELETE FROM sip_user WHERE domain = :domain AND username = :username");
            PreparedBatch ins = h.prepareBatch("INSERT INTO sip_user (domain, username, ha1_md5, ha1_sha256, origin)"
                    + " VALUES (:domain, :username, :ha1Md5, :ha1Sha256, 'config')");
            for (UserCredentials u : users) {
                del.bindMethods(u).add();
                ins.bindMethods(u).add();
            }
            if (!users.isEmpty()) {
                del.execute();
                ins.execute();
            }
        });
    }

    public boolean deleteUser(String domain, String username) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sip_user WHERE domain = :d AND username = :u")
                .bind("d", domain).bind("u", username).execute()) > 0;
    }

    public List<UserCredentials> users() {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT domain, username, ha1_md5, ha1_sha256 FROM sip_user ORDER BY domain, username")
                .map((rs, ctx) -> new UserCredentials(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)))
                .list());
    }

    public List<String> usernames(String domain) {
        return jdbi.withHandle(h -> h.createQuery("SELECT username FROM sip_user WHERE domain = :d ORDER BY username")
                .bind("d", domain).mapTo(String.class).list());
    }
}
