package net.voicegslb.gslb.deploy.it.gslb;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.voicegslb.gslb.deploy.it.support.AdminHttp;
import net.voicegslb.gslb.deploy.it.support.GslbJar;
import net.voicegslb.gslb.deploy.it.support.Metrics;

/**
 * One node's probe agent as operators run it beside a third-party PBX:
 * {@code java -jar gslb.jar agent --config agent-NODE.yaml}. Can be killed (SIGKILL, like a crash)
 * and started again on the same config, ports and token.
 */
final class AgentProcess {

    /** Small heap, C1 only: four of these share two CPUs with the DNS server and the test. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx96m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1");

    private final LabNode node;
    private final Path config;
    private final Path workDir;
    private final int metricsPort;
    private LabProcess process;
    private int starts;

    AgentProcess(LabNode node, Path config, Path workDir, int metricsPort) {
        this.node = node;
        this.config = config;
        this.workDir = workDir;
        this.metricsPort = metricsPort;
    }

    LabNode node() {
        return node;
    }

    AgentProcess start() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.addAll(List.of("-jar", GslbJar.path().toString(), "agent", "--config", config.toString()));
        starts++;
        process = LabProcess.start("agent-" + node.id() + "#" + starts, cmd, workDir,
                workDir.resolve("agent-" + node.id() + ".log"), Map.of());
        return this;
    }

    /** Waits for the agent's own /metrics to answer: the JVM is up and its config was accepted. */
    AgentProcess awaitRunning(Duration timeout) {
        await(node.id() + "'s agent serves /metrics").atMost(timeout).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(node.id() + "'s agent exited:\n" + process.log());
                    }
                    return metrics().has("gslb_agent_telemetry_connected");
                });
        return this;
    }

    /** Waits until the agent's link to the DNS node is up (its gauge gslb_agent_telemetry_connected). */
    AgentProcess awaitConnected(Duration timeout) {
        await(node.id() + "'s agent connected to the DNS node").atMost(timeout).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> connected());
        return this;
    }

    boolean connected() {
        return metrics().sum("gslb_agent_telemetry_connected") >= 1;
    }

    Metrics metrics() {
        return new AdminHttp(metricsPort).metrics();
    }

    /** The agent's own counters that tell a lab problem from a server problem, one line. */
    String describeMetrics() {
        if (!isAlive()) {
            return "(not running)";
        }
        try {
            Metrics m = metrics();
            return String.format("connected %.0f, connects %.0f, failures %.0f, rejections %.0f, frames sent %.0f,"
                            + " STAMP sent %.0f answered %.0f unexpected %.0f",
                    m.sum("gslb_agent_telemetry_connected"), m.sum("gslb_agent_telemetry_connects_total"),
                    m.sum("gslb_agent_telemetry_failures_total"), m.sum("gslb_agent_telemetry_rejections_total"),
                    m.sum("gslb_agent_telemetry_frames_sent_total"),
                    m.sum("gslb_agent_stamp_sender_packets_total", "result", "sent"),
                    m.sum("gslb_agent_stamp_sender_packets_total", "result", "answered"),
                    m.sum("gslb_agent_stamp_sender_packets_total", "result", "unexpected"));
        } catch (RuntimeException e) {
            return "(no /metrics: " + e.getMessage() + ")";
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
