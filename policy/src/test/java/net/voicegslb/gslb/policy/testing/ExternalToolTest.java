package net.voicegslb.gslb.policy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * A missing client fails the build, naming the install line, unless the user opts out off CI; a
 * present one is found on the PATH.
 */
class ExternalToolTest {

    private static final String NO_SUCH_TOOL = "gslb-no-such-tool-xyz";
    private static final String INSTALL_LINE = "sudo apt-get install " + String.join(" ", ExternalTool.DEBIAN_PACKAGES);

    @Test
    void missingToolFailsOnAWorkstationNamingTheInstallLine() {
        assertThatThrownBy(() -> ExternalTool.require(NO_SUCH_TOOL, "pkg", Map.of("PATH", "/usr/bin")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("'" + NO_SUCH_TOOL + "' (Debian package pkg)")
                .hasMessageContaining(INSTALL_LINE)
                .hasMessageContaining(ExternalTool.OPT_OUT + "=true");
        assertThatThrownBy(() -> ExternalTool.require(NO_SUCH_TOOL, "pkg", Map.of("PATH", "/usr/bin", "CI", "false")))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void missingToolFailsOnCiEvenWhenOptedOut() {
        assertThatThrownBy(() -> ExternalTool.require(NO_SUCH_TOOL, "pkg",
                Map.of("PATH", "/usr/bin", "CI", "true", ExternalTool.OPT_OUT, "true")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("CI=true").hasMessageContaining(INSTALL_LINE);
    }

    @Test
    void missingToolIsSkippedOnlyWhenTheUserOptsOut() {
        assertThatThrownBy(() -> ExternalTool.require(NO_SUCH_TOOL, "pkg",
                Map.of("PATH", "/usr/bin", ExternalTool.OPT_OUT, "true")))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining(ExternalTool.OPT_OUT);
    }

    @Test
    void presentToolIsFoundOnThePath() {
        assertThat(ExternalTool.require("sh", "dash", Map.of("PATH", "/nonexistent:/bin:/usr/bin"))).isExecutable();
    }

    /** The message tells users to install what CI installs: the two lists cannot drift apart. */
    @Test
    void ciInstallsExactlyTheToolPackagesPlusUnzip() throws IOException {
        String ciRun = Files.readString(Path.of("..", ".ci", "run"));
        Matcher m = Pattern.compile("(?m)^packages=\\(([^)]*)\\)").matcher(ciRun);
        assertThat(m.find()).as(".ci/run has a packages=(...) line").isTrue();
        assertThat(m.group(1).trim().split("\\s+"))
                .containsExactlyInAnyOrderElementsOf(concat(ExternalTool.DEBIAN_PACKAGES, "unzip"));
    }

    private static java.util.List<String> concat(java.util.List<String> list, String extra) {
        java.util.List<String> all = new java.util.ArrayList<>(list);
        all.add(extra);
        return all;
    }
}
