package net.voicegslb.gslb.pbx.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs SIPp as a separate process, always bounded (-m calls, -timeout, a hard kill after that).
 * When sipp is missing the test fails (see policy.testing.ExternalTool).
 */
final class Sipp {

    record Result(int exitCode, String output) {
        boolean passed() {
            return exitCode == 0;
        }
    }

    private final Path workDir;

    Sipp(Path workDir) {
        this.workDir = workDir;
    }

    /**
     * Waits until something (the SIPp UAS just started) has bound UDP {@code port} on loopback:
     * our own bind attempt then fails. Replaces a fixed sleep that a loaded machine can outlast.
     */
    static void awaitUdpBound(int port) {
        org.awaitility.Awaitility.await("SIPp listening on UDP port " + port)
                .atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> {
                    try (java.net.DatagramSocket probe = new java.net.DatagramSocket(
                            new java.net.InetSocketAddress("127.0.0.1", port))) {
                        return false;
                    } catch (java.net.SocketException inUse) {
                        return true;
                    }
                });
    }

    static void require() {
        net.voicegslb.gslb.policy.testing.ExternalTool.require("sipp", "sip-tester");
    }

    /** Copies a scenario from test resources into the work dir (sipp reads files). */
    Path scenario(String name) throws IOException {
        Path target = workDir.resolve(name);
        try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + name)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** A SIPp injection file: user;password;[authentication ...] per line. */
    Path users(String name, List<String[]> userPasswords) throws IOException {
        StringBuilder sb = new StringBuilder("SEQUENTIAL\n");
        for (String[] up : userPasswords) {
            sb.append(up[0]).append(';').append(up[1]).append(";[authentication username=").append(up[0])
                    .append(" password=").append(up[1]).append("]\n");
        }
        Path file = workDir.resolve(name);
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /** Starts sipp without waiting (a UAS); {@link #await} collects it. */
    Process start(String target, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("sipp", target, "-nostdin", "-trace_err",
                "-timeout", "20s", "-timeout_error", "-i", "127.0.0.1"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("sipp-" + System.nanoTime() + ".out").toFile());
        return pb.start();
    }

    Result await(Process p) throws InterruptedException, IOException {
        if (!p.waitFor(40, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return new Result(-1, "sipp did not finish in 40 s" + errors());
        }
        return new Result(p.exitValue(), errors());
    }

    Result run(String target, List<String> args) throws IOException, InterruptedException {
        return await(start(target, args));
    }

    /** SIPp's error log(s) of the work dir, for the assertion message. */
    private String errors() throws IOException {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(workDir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith("_errors.log")).toList()) {
                sb.append('\n').append(f.getFileName()).append(":\n").append(Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }
        return sb.toString();
    }
}
