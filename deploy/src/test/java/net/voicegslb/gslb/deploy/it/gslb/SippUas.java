package net.voicegslb.gslb.deploy.it.gslb;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.voicegslb.gslb.policy.testing.ExternalTool;

/**
 * A node's SIP stack: SIPp as a UAS on the node's address answering every OPTIONS with 200
 * ({@code it/gslb/uas-options.xml}). Bounded twice over: {@code -m} calls and a global
 * {@code -timeout}, so it ends by itself even if every kill in the test were skipped.
 */
final class SippUas {

    /** Longer than a lab lives (a test class), shorter than anyone would wait for a stray process. */
    static final Duration LIFETIME = Duration.ofSeconds(300);
    private static final int MAX_CALLS = 50_000;

    private final LabNode node;
    private final int port;
    private final Path workDir;
    private LabProcess process;

    SippUas(LabNode node, int port, Path workDir) {
        this.node = node;
        this.port = port;
        this.workDir = workDir;
    }

    /** Starts SIPp and returns once it has bound the node's SIP port. */
    SippUas start() {
        Path sipp = ExternalTool.require("sipp", "sip-tester");
        Path scenario = workDir.resolve("uas-options.xml");
        try (InputStream in = SippUas.class.getResourceAsStream("/it/gslb/uas-options.xml")) {
            Files.createDirectories(workDir);
            Files.copy(in, scenario, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process = LabProcess.start("sipp-" + node.id(), List.of(sipp.toString(), "-sf", scenario.toString(),
                        "-i", node.address(), "-p", Integer.toString(port), "-t", "u1",
                        "-m", Integer.toString(MAX_CALLS), "-timeout", LIFETIME.toSeconds() + "s",
                        "-nostdin", "-trace_err"),
                workDir, workDir.resolve("sipp.log"), Map.of());
        await("SIPp of " + node.id() + " bound to " + node.address() + ":" + port).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("SIPp of " + node.id() + " exited:\n" + process.log());
                    }
                    return udpPortTaken(node.address(), port);
                });
        return this;
    }

    /** Our own bind attempt fails once something (SIPp) holds the port. */
    static boolean udpPortTaken(String address, int port) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(address, port))) {
            return false;
        } catch (SocketException inUse) {
            return true;
        }
    }

    void kill() {
        if (process != null) {
            process.kill();
        }
    }

    void close() {
        if (process != null) {
            process.close();
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    String log() {
        return process == null ? "(not started)" : process.log();
    }
}
