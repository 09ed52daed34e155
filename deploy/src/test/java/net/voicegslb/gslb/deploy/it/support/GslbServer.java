package net.voicegslb.gslb.deploy.it.support;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@code gslb dns} per test class, started from a copy of the fixtures before the first test and
 * stopped (SIGTERM) after the last. Register with
 * {@code @RegisterExtension static final GslbServer SERVER = GslbServer.withConfig("gslb-it.yaml");}.
 * If any test failed, the server's log is printed so that the failure can be read next to it.
 */
public final class GslbServer implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final String configName;
    private final String[] extraArgs;
    private Path dir;
    private GslbProcess process;
    private boolean anyTestFailed;

    private GslbServer(String configName, String... extraArgs) {
        this.configName = configName;
        this.extraArgs = extraArgs.clone();
    }

    /** A server for the fixture config {@code it/<configName>}. */
    public static GslbServer withConfig(String configName) {
        return new GslbServer(configName);
    }

    /** The same server with more {@code gslb dns} flags (e.g. {@code --no-native}). */
    public GslbServer withArgs(String... args) {
        return new GslbServer(configName, args);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        dir = Fixtures.copy();
        process = GslbProcess.start(dir.resolve(configName), true, extraArgs);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        anyTestFailed |= context.getExecutionException().isPresent();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (process != null) {
                process.close();
                if (anyTestFailed || context.getExecutionException().isPresent() || process.exitCode() != 0) {
                    System.out.println("--- gslb dns log (" + context.getDisplayName() + ", exit "
                            + process.exitCode() + ")\n" + process.stderr());
                }
            }
        } finally {
            Fixtures.deleteTree(dir);
        }
    }

    public GslbProcess process() {
        return process;
    }

    public Path dir() {
        return dir;
    }

    public int port() {
        return process.dnsPort();
    }

    public Dig dig() {
        return new Dig(port());
    }

    public Kdig kdig() {
        return new Kdig(port());
    }

    public RawUdp udp() {
        return new RawUdp(port());
    }

    public RawTcp tcp() {
        return new RawTcp(port());
    }

    public AdminHttp admin() {
        return new AdminHttp(process.adminPort());
    }

    public Metrics metrics() {
        return admin().metrics();
    }
}
