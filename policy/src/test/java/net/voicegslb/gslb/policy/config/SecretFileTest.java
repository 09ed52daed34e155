package net.voicegslb.gslb.policy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretFileTest {

    @TempDir
    Path dir;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aMissingSecretIsCreatedPrivateWithTheFreshValue() throws Exception {
        Path f = dir.resolve("sub/node.token");

        assertThat(SecretFile.readOrCreate(f, () -> "fresh-token-0123456789")).isEqualTo("fresh-token-0123456789");

        assertThat(mode(f)).isEqualTo("rw-------");
        assertThat(Files.readString(f)).isEqualTo("fresh-token-0123456789\n");
        try (var left = Files.list(f.getParent())) {
            assertThat(left).as("no temporary file left behind").containsExactly(f);
        }
    }

    @Test
    void anExistingSecretIsNeverReplaced() throws Exception {
        Path f = dir.resolve("a.token");
        SecretFile.create(f, "first-token-0123456789\n");

        assertThat(SecretFile.create(f, "second\n")).isFalse();
        assertThat(SecretFile.readOrCreate(f, () -> "third")).isEqualTo("first-token-0123456789");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----", "rw-rw-rw-"})
    void aSecretThatGroupOrOthersCanReadOrWriteIsRefusedNamingTheFile(String perms) throws Exception {
        Path f = Files.writeString(dir.resolve("admin.token"), "some-token-0123456789\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));

        assertThatThrownBy(() -> SecretFile.read(f))
                .isInstanceOf(SecretFile.NotPrivateException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining(perms)
                .hasMessageContaining("chmod 600")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("some-token"));
        assertThatThrownBy(() -> SecretFile.readOrCreate(f, () -> "x")).isInstanceOf(SecretFile.NotPrivateException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-------", "r--------", "rwx------", "rw---x--x"})
    void ownerOnlySecretsAreRead(String perms) throws Exception {
        Path f = Files.writeString(dir.resolve("key.pem"), "secret\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));

        assertThat(SecretFile.read(f)).isEqualTo("secret");
    }

    @Test
    void aSymlinkIsJudgedByTheFileItPointsTo() throws Exception {
        Path target = Files.writeString(dir.resolve("real.token"), "some-token-0123456789\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        Path link = Files.createSymbolicLink(dir.resolve("link.token"), target);

        assertThatThrownBy(() -> SecretFile.checkPrivate(link)).isInstanceOf(SecretFile.NotPrivateException.class);
    }
}
