package net.voicegslb.gslb.pbx.config;

import net.voicegslb.gslb.policy.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Any config file either loads or is refused with a ConfigException whose every problem names the
 * file; nothing else escapes. Seeds in PbxConfigLoaderFuzzTestInputs/.
 */
class PbxConfigLoaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyFileLoadsOrIsRefusedWithProblems(byte[] data) throws Exception {
        Path dir = Files.createTempDirectory("pbx-config-fuzz");
        Path file = dir.resolve("pbx.yaml");
        try {
            Files.write(file, data);
            try {
                PbxConfig c = new PbxConfigLoader().load(file);
                assertThat(c.tenants()).isNotEmpty();
                assertThat(c.listen()).isNotEmpty();
            } catch (ConfigException e) {
                assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.file()).isEqualTo(file));
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
