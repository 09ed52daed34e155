package net.voicegslb.gslb.deploy.it.support;

import net.voicegslb.gslb.policy.testing.TestPorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real {@code java -jar gslb.jar dns} process on free loopback ports. {@link #start} returns once
 * the server logged "serving on"; {@link #close} sends SIGTERM and, if the process is still alive
 * after a bound, kills it. A JVM shutdown hook kills it too should the test JVM exit first.
 */
public final class GslbProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;
    private static final int EXIT_CANNOT_START = 4;

    private final Process process;
    private final int dnsPort;
    private final int adminPort;
    private final OutputCapture stderr;
    private final OutputCapture stdout;
    private final Thread killOnExit;

    private GslbProcess(Process process, int dnsPort, int adminPort, Path stdoutFile, Path stderrFile) {
        this.process = process;
        this.dnsPort = dnsPort;
        this.adminPort = adminPort;
        this.stderr = new OutputCapture(stderrFile);
        this.stdout = new OutputCapture(stdoutFile);
        this.killOnExit = new Thread(process::destroyForcibly, "kill-gslb-" + process.pid());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts {@code gslb dns --config CONFIG --listen 127.0.0.1:P --admin-listen 127.0.0.1:A} plus
     * {@code extraArgs}, on fresh ports, retrying when another process took a port in between.
     */
    public static GslbProcess start(Path config, boolean admin, String... extraArgs) {
        String lastFailure = "";
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int dnsPort = TestPorts.udpAndTcp();
            int adminPort = admin ? TestPorts.tcp() : -1;
            List<String> args = new ArrayList<>(List.of("dns", "--config", config.toString(),
                    "--listen", "127.0.0.1:" + dnsPort,
                    "--admin-listen", admin ? "127.0.0.1:" + adminPort : "off"));
            args.addAll(List.of(extraArgs));
            Process p;
            Path out;
            Path err;
            try {
                out = Files.createTempFile("gslb-dns-", ".stdout");
                err = Files.createTempFile("gslb-dns-", ".stderr");
                p = new ProcessBuilder(GslbJar.command(args)).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot launch gslb dns", e);
            }
            GslbProcess server = new GslbProcess(p, dnsPort, adminPort, out, err);
            if (server.awaitReady()) {
                return server;
            }
            lastFailure = "exit " + server.exitCode() + "\n" + server.stderr();
            server.close();
            if (server.exitCode() != EXIT_CANNOT_START) {
                break;
            }
        }
        return fail("gslb dns did not start:\n%s", lastFailure);
    }

    private boolean awaitReady() {
        try {
            await("gslb dns logs 'serving on'").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> stderr.text().contains("serving on [") || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            fail("gslb dns did not log 'serving on' within %s:\n%s", READY_TIMEOUT, stderr.text());
        }
        if (!process.isAlive()) {
            return false;
        }
        return true;
    }

    public int dnsPort() {
        return dnsPort;
    }

    public int adminPort() {
        assertThat(adminPort).as("this server was started without an admin listener").isPositive();
        return adminPort;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the server wrote to stderr (its log) so far. */
    public String stderr() {
        return stderr.text();
    }

    public String stdout() {
        return stdout.text();
    }

    /** Waits until the log contains {@code text} at least {@code times} times in all. */
    public void awaitLog(String text, int times, Duration timeout) {
        await("server log contains '" + text + "' " + times + " time(s)").atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> occurrences(stderr.text(), text) >= times);
    }

    public static int occurrences(String haystack, String needle) {
        int count = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            count++;
        }
        return count;
    }

    /** {@code kill -HUP pid}: the Unix way to ask the server to re-read its zones. */
    public void hangup() {
        ToolRun.Result r = ToolRun.run(Duration.ofSeconds(10), List.of("kill", "-HUP", Long.toString(pid())));
        assertThat(r.exitCode()).as("kill -HUP %d: %s", pid(), r.stderr()).isZero();
    }

    /** The exit code, or -1 while the process runs. */
    public int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** {@link #close()}, then the exit code. */
    public int stop() {
        close();
        return exitCode();
    }

    /** SIGTERM, then a bounded wait, then SIGKILL. Safe to call twice. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    System.err.println("gslb dns (pid " + pid() + ") ignored SIGTERM for " + STOP_TIMEOUT + "; killing it");
                    process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            if (!process.isAlive()) {
                stderr.seal();
                stdout.seal();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    /**
     * A process stream redirected to a file. (Reading the pipe from a thread races with the JDK's
     * process reaper, which closes the pipe on exit and loses the last lines: the shutdown log.)
     */
    private static final class OutputCapture {
        private final Path file;
        private String finalText;

        OutputCapture(Path file) {
            this.file = file;
        }

        synchronized String text() {
            if (finalText != null) {
                return finalText;
            }
            try {
                return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                return "(cannot read " + file + ": " + e + ")";
            }
        }

        /** Keeps the text in memory and deletes the file; called once the process has ended. */
        synchronized void seal() {
            if (finalText == null) {
                finalText = text();
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temp file
                }
            }
        }
    }
}
