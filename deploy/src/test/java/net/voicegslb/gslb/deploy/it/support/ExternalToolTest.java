package net.voicegslb.gslb.deploy.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing client fails the build on CI and skips the test elsewhere; a present one is found on the PATH. */
class ExternalToolTest {

    private static final String NO_SUCH_TOOL = "gslb-no-such-tool-xyz";

    @Test
    void missingToolFailsOnCi() {
        assertThatThrownBy(() -> ExternalTool.require(NO_SUCH_TOOL, "pkg", Map.of("PATH", "/usr/bin", "CI", "true")))
                .isInstanceOf(AssertionError.class).hasMessageContaining(NO_SUCH_TOOL).hasMessageContaining("CI=true");
    }

    @Test
    void missingToolSkipsElsewhere() {
        assertThatThrownBy(() -> ExternalTool.require(NO_SUCH_TOOL, "pkg", Map.of("PATH", "/usr/bin")))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("install the Debian package pkg");
        assertThatThrownBy(() -> ExternalTool.require(NO_SUCH_TOOL, "pkg", Map.of("PATH", "/usr/bin", "CI", "false")))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void presentToolIsFoundOnThePath() {
        assertThat(ExternalTool.require("sh", "dash", Map.of("PATH", "/nonexistent:/bin:/usr/bin")))
                .isExecutable();
    }
}
