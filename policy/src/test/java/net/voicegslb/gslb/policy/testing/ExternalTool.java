package net.voicegslb.gslb.policy.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The real clients and servers the integration tests drive (dig, kdig, dnsperf, sipp, baresip,
 * knotd, turnserver, promtool), found on the PATH or, for daemons a non-root PATH lacks, in the sbin
 * directories. A missing tool fails the test, naming the one {@code apt-get} line that installs them all:
 * a green {@code ./mvnw verify} must mean the real-tool tests ran. Who really cannot install them
 * opts out with {@value #OPT_OUT}{@code =true}, which skips those tests, and never on CI
 * ({@code CI=true}), where a missing tool is a broken image.
 */
public final class ExternalTool {

    /** What {@code .ci/run} installs for the tests (ExternalToolTest keeps the two lists equal). */
    public static final List<String> DEBIAN_PACKAGES =
            List.of("bind9-dnsutils", "knot-dnsutils", "dnsperf", "sip-tester", "baresip-core",
                    "linphone-cli", "knot", "coturn", "prometheus", "chromium", "chromium-driver");

    /** Where Debian puts daemons (knotd): on root's PATH, not on a user's. */
    private static final String SBIN = "/usr/local/sbin:/usr/sbin:/sbin";

    /** Environment variable that turns a missing tool into a skipped test off CI. */
    public static final String OPT_OUT = "GSLB_SKIP_TOOL_TESTS";

    private ExternalTool() {
    }

    /** The tool's path; fails (or, opted out off CI, skips) the calling test when it is not on the PATH. */
    public static Path require(String name, String debianPackage) {
        return require(name, debianPackage, System.getenv());
    }

    static Path require(String name, String debianPackage, Map<String, String> env) {
        Optional<Path> found = find(name, env.get("PATH"));
        if (found.isPresent()) {
            return found.get();
        }
        found = find(name, SBIN);
        if (found.isPresent()) {
            return found.get();
        }
        String missing = "'" + name + "' (Debian package " + debianPackage + ") is not on the PATH";
        String install = "sudo apt-get install " + String.join(" ", DEBIAN_PACKAGES);
        boolean ci = "true".equalsIgnoreCase(env.get("CI"));
        if (ci) {
            fail(missing + "; CI=true, so a missing tool is an error. Install the test tools with: " + install);
        }
        if ("true".equalsIgnoreCase(env.get(OPT_OUT))) {
            Assumptions.abort(missing + "; skipped because " + OPT_OUT + "=true");
        }
        fail(missing + ". Install the test tools with: " + install
                + "   (or run with " + OPT_OUT + "=true to skip the tests that need them; the build then"
                + " does not show that the product works with real clients)");
        throw new AssertionError("unreachable");
    }

    /** The first executable file called {@code name} in a PATH-style directory list. */
    public static Optional<Path> find(String name, String path) {
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
