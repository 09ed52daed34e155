package net.voicegslb.gslb.agent.lab;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real server (knotd, turnserver, sipp) run as a child process for one test, bounded twice: it
 * runs under coreutils' {@code timeout}, so even a JVM killed mid-test leaves no server behind for
 * longer than {@code maxLifetime}, and {@link #close} stops it (TERM, then KILL). Its output goes to
 * a file in the test's temp dir, quoted in every failure message.
 */
public final class ToolProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ToolProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} in {@code dir}, killed after {@code maxLifetime} whatever happens. */
    public static ToolProcess start(String name, List<String> command, Path dir, Duration maxLifetime) {
        List<String> bounded = new ArrayList<>(List.of("timeout", "--kill-after=5", maxLifetime.toSeconds() + "s"));
        bounded.addAll(command);
        Path log = dir.resolve(name + "-" + System.nanoTime() + ".out");
        try {
            Process p = new ProcessBuilder(bounded).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new ToolProcess(name, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + bounded, e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the tool printed so far. */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Waits until the tool has printed {@code line}; fails early, with its output, if it exits. */
    public void awaitOutput(String line, Duration atMost) {
        await(name + " printing '" + line + "'").atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (output().contains(line)) {
                return true;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited (" + process.exitValue() + ") before printing '" + line
                        + "':\n" + output());
            }
            return false;
        });
    }

    /**
     * Waits until something holds UDP {@code address} (our own bind then fails): the tool is
     * listening. Fails early, with its output, if it exits.
     */
    public void awaitUdpBound(InetSocketAddress address, Duration atMost) {
        await(name + " bound to UDP " + address).atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited (" + process.exitValue() + "):\n" + output());
            }
            try (DatagramSocket probe = new DatagramSocket(address)) {
                return false;
            } catch (SocketException inUse) {
                return true;
            }
        });
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (output in " + log + ")";
    }
}
