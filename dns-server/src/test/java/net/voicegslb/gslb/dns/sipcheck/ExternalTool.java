package net.voicegslb.gslb.dns.sipcheck;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Real tools the SIP-check ITs drive (sipp). A missing tool fails the test on CI ({@code CI=true}),
 * where it is a broken image, and skips it on a workstation, where it is a missing package. Same
 * logic as deploy's ExternalTool; dns-server tests cannot depend on deploy's test classes.
 */
final class ExternalTool {

    private ExternalTool() {
    }

    /** The tool's path; fails or skips the calling test when it is not on the PATH. */
    static Path require(String name, String debianPackage) {
        return require(name, debianPackage, System.getenv());
    }

    static Path require(String name, String debianPackage, Map<String, String> env) {
        Optional<Path> found = find(name, env.get("PATH"));
        if (found.isPresent()) {
            return found.get();
        }
        String message = "'" + name + "' is not on the PATH (install the Debian package " + debianPackage + ")";
        if ("true".equalsIgnoreCase(env.get("CI"))) {
            fail(message + "; CI=true, so a missing tool is an error");
        }
        Assumptions.abort(message + "; skipped because CI is not 'true'");
        throw new AssertionError("unreachable");
    }

    static Optional<Path> find(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
