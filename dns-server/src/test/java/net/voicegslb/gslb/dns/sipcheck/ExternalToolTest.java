package net.voicegslb.gslb.dns.sipcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class ExternalToolTest {
    @TempDir
    Path dir;

    @Test
    void missingToolFailsOnCiAndSkipsElsewhere() {
        Map<String, String> ci = Map.of("PATH", dir.toString(), "CI", "true");
        assertThatThrownBy(() -> ExternalTool.require("sipp", "sip-tester", ci))
                .isInstanceOf(AssertionError.class).hasMessageContaining("CI=true");
        Map<String, String> local = Map.of("PATH", dir.toString());
        assertThatThrownBy(() -> ExternalTool.require("sipp", "sip-tester", local))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("sip-tester");
    }

    @Test
    void findsAnExecutableOnThePath() throws Exception {
        Path tool = Files.createFile(dir.resolve("sipp"));
        assertThat(ExternalTool.find("sipp", "/nonexistent:" + dir)).isEmpty(); // not executable yet
        assertThat(tool.toFile().setExecutable(true)).isTrue();
        assertThat(ExternalTool.require("sipp", "sip-tester", Map.of("PATH", "/nonexistent:" + dir, "CI", "true")))
                .isEqualTo(tool);
    }
}
