package net.voicegslb.gslb.agent;

import net.voicegslb.gslb.policy.config.SecretFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.agent.config.AgentConfig;
import net.voicegslb.gslb.agent.config.AgentConfigLoader;
import net.voicegslb.gslb.agent.lab.CoturnStun;
import net.voicegslb.gslb.common.lab.Impairment;
import net.voicegslb.gslb.common.lab.ImpairmentRelay;
import net.voicegslb.gslb.agent.lab.SippUas;
import net.voicegslb.gslb.agent.lab.TelemetryTestServer;
import net.voicegslb.gslb.agent.probe.StampReflector;
import net.voicegslb.gslb.common.transport.EventLoops;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;
import net.voicegslb.gslb.policy.telemetry.TelemetryEnvelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone agent end to end from a YAML file: it learns its public address from a real STUN
 * server (coturn), checks a third-party PBX (SIPp answering OPTIONS) by OPTIONS, probes a STAMP
 * reflector behind the impairment relay (20 ms each way), and streams hello, heartbeats and STAMP
 * measurements to a real WebSocket server.
 */
class ProbeAgentIT {

    @TempDir
    Path dir;

    @Test
    void standaloneAgentReportsHealthAndMeasurementsToItsDnsNode() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (TelemetryTestServer dns = new TelemetryTestServer(vertx, "lab-token").listen();
             SippUas pbx = SippUas.answering(dir, 200);
             CoturnStun stun = CoturnStun.start(dir);
             EventLoops loops = EventLoops.create("agent-io", 1, true);
             StampReflector clientNet = new StampReflector(loops,
                     new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     net.voicegslb.gslb.agent.probe.ReflectorLimits.DEFAULTS, AgentClock.system(),
                     new SimpleMeterRegistry());
             ImpairmentRelay relay = new ImpairmentRelay(clientNet.localAddress(), new Impairment(20, 1, 0),
                     new Impairment(20, 1, 0), 4, 1000)) {
            SecretFile.create(dir.resolve("token"), "lab-token\n");
            Files.writeString(dir.resolve("agent.yaml"), """
                    agent:
                      node_id: ast-1
                      site: fra
                      capacity_calls: 100
                      heartbeat_interval: 200ms
                      report_interval: 1s
                      public_address: stun:127.0.0.1:%d
                    telemetry:
                      nodes:
                        - url: %s
                          token_file: token
                          allow_plaintext: true
                      backoff_base: 50ms
                      backoff_cap: 500ms
                    stamp:
                      reflector: off
                    probes:
                      max_rate: 100
                      per_target_interval: 20ms
                      stamp_targets: [127.0.0.1:%d]
                    pbx:
                      sip_options: 127.0.0.1:%d
                      rise: 1
                    """.formatted(stun.address().getPort(), dns.url(), relay.address().getPort(), pbx.address().getPort()));
            AgentConfig cfg = new AgentConfigLoader().load(dir.resolve("agent.yaml"));
            var prometheus = new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                    io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
            try (ProbeAgent agent = new ProbeAgent(cfg, null, AgentClock.system(), prometheus).start();
                 var metrics = net.voicegslb.gslb.agent.transport.MetricsEndpoint.start(
                         new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), prometheus)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> healthyHeartbeat(dns).isPresent());
                // The second window: the first one includes the cold start of fresh code paths.
                await().atMost(Duration.ofSeconds(20)).until(() -> stampWindows(dns) >= 2);

                assertThat(dns.last().received.get(0).payload()).isInstanceOf(NodeHello.class);
                NodeHello hello = (NodeHello) dns.last().received.get(0).payload();
                assertThat(hello.nodeId()).isEqualTo("ast-1");
                assertThat(hello.siteId()).isEqualTo("fra");
                assertThat(hello.addresses()).as("public address discovered by STUN")
                        .containsExactly(InetAddress.getLoopbackAddress());
                PrefixMeasurement m = stamp(dns).orElseThrow();
                assertThat(m.prefix().toString()).isEqualTo("127.0.0.0/24");
                assertThat(m.rttMillis()).isBetween(38.0, 80.0); // 40 ms configured; accuracy is StampAccuracyIT's job
                assertThat(m.lossRatio()).isZero();
                assertThat(dns.last().problems).isEmpty();

                var http = java.net.http.HttpClient.newHttpClient();
                String scrape = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + metrics.address().getPort() + "/metrics")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                assertThat(scrape).contains("gslb_agent_stamp_sender_packets_total{result=\"answered\"}",
                        "gslb_agent_telemetry_connected{dns=\"" + dns.url() + "\"} 1.0",
                        "gslb_agent_telemetry_frames_sent_total", "gslb_agent_aggregate_keys",
                        "gslb_agent_probe_ignored_total{probe=\"sip_options\"}");

                // The PBX process dies: heartbeats turn unhealthy after `fall` (3) failed checks.
                pbx.stop();
                await().atMost(Duration.ofSeconds(20)).until(() -> dns.last().received.stream()
                        .map(TelemetryEnvelope::payload).filter(p -> p instanceof NodeHeartbeat)
                        .map(p -> (NodeHeartbeat) p).reduce((a, b) -> b)
                        .map(NodeHeartbeat::hasFatalFlag).orElse(false));
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static Optional<NodeHeartbeat> healthyHeartbeat(TelemetryTestServer dns) {
        return dns.last() == null ? Optional.empty() : dns.last().received.stream().map(TelemetryEnvelope::payload)
                .filter(p -> p instanceof NodeHeartbeat hb && hb.flags().isEmpty()).map(p -> (NodeHeartbeat) p)
                .findFirst();
    }

    private static Optional<PrefixMeasurement> stamp(TelemetryTestServer dns) {
        return dns.last() == null ? Optional.empty() : dns.last().received.stream().map(TelemetryEnvelope::payload)
                .filter(p -> p instanceof MeasurementBatch).flatMap(p -> ((MeasurementBatch) p).measurements().stream())
                .filter(m -> m.source() == MeasurementSource.STAMP && m.sampleCount() >= 10).reduce((a, b) -> b);
    }

    private static long stampWindows(TelemetryTestServer dns) {
        return dns.last() == null ? 0 : dns.last().received.stream().map(TelemetryEnvelope::payload)
                .filter(p -> p instanceof MeasurementBatch).flatMap(p -> ((MeasurementBatch) p).measurements().stream())
                .filter(m -> m.source() == MeasurementSource.STAMP && m.sampleCount() >= 10).count();
    }
}
