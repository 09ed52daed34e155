package net.voicegslb.gslb.pbx.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 file holds HA1 hashes: it is created owner-only and refused when others can read it. */
class PbxStoreTest {

    @TempDir
    Path dir;

    @Test
    void aNewStoreGetsAnOwnerOnlyDirectoryAndFileWhateverTheUmask() throws Exception {
        Path base = dir.resolve("data/pbx");
        PbxStore store = PbxStore.openFile(base);
        store.upsertTenant("example.test", true);
        store.putUsers(List.of(Ha1.of("example.test", "1001", "pw-1001")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data"))))
                .isEqualTo("rwx------");
        Path db = dir.resolve("data/pbx.mv.db");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-------");
        assertThat(store.usernames("example.test")).containsExactly("1001");
        try (var files = Files.list(dir.resolve("data"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".trace.db"));
        }
    }

    @Test
    void anExistingFileOthersCanReadIsRefusedWithTheFileAndTheFix() throws Exception {
        Path base = dir.resolve("pbx");
        PbxStore.openFile(base).upsertTenant("example.test", true);
        // a second open in this JVM shares H2's engine; the check runs before H2 is asked
        Path db = dir.resolve("pbx.mv.db");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> PbxStore.openFile(base)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(db.toString()).hasMessageContaining("rw-r--r--")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void configUsersAreReplacedWholeAndCliUsersStay() {
        PbxStore store = PbxStore.inMemory("replace" + System.nanoTime());
        store.upsertTenant("example.test", true);
        store.putUsers(List.of(Ha1.of("example.test", "cli-user", "pw-cli")));
        store.replaceConfigUsers("example.test", List.of(Ha1.of("example.test", "1001", "pw-1001"),
                Ha1.of("example.test", "1002", "pw-1002")));
        store.replaceConfigUsers("example.test", List.of(Ha1.of("example.test", "1002", "pw-1002")));
        assertThat(store.usernames("example.test")).containsExactly("1002", "cli-user");
    }
}
