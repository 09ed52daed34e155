package net.voicegslb.gslb.pbx.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Any bytes in a sip.tls PEM file give certificates, a key, or an IllegalArgumentException that
 * names the file (the loader turns it into a problem with file, line and field); nothing else
 * escapes. Seeds in PemFilesFuzzTestInputs/.
 */
class PemFilesFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyPemFileIsReadOrRefusedNamingIt(byte[] data) throws Exception {
        Path dir = Files.createTempDirectory("pem-fuzz");
        Path file = dir.resolve("x.pem");
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, data);
            try {
                assertThat(PemFiles.certificates(file)).isNotEmpty();
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).contains(file.toString());
            }
            try {
                assertThat(PemFiles.privateKey(file)).isNotNull();
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).contains(file.toString());
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
