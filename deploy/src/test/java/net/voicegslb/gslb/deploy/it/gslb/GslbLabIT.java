package net.voicegslb.gslb.deploy.it.gslb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.agent.lab.TelemetryTestServer;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;
import net.voicegslb.gslb.policy.telemetry.TelemetryEnvelope;
import org.junit.jupiter.api.Test;

/**
 * The GSLB lab itself, without the DNS server: the agents report to the probe-agent's test
 * endpoint instead. Proves what the GSLB ITs rely on: SIPp answers OPTIONS on each node's address
 * and sin-2's port stays silent; every agent connects and says hello; each site's STAMP results land
 * on the client network's /24 with the configured delay; a delay changed at run time shows up in
 * the next reports; a killed agent drops its connection and a restarted one comes back. Were one of
 * these broken, a GSLB IT failure would say nothing about the server.
 */
class GslbLabIT {

    private static final String TOKEN = "lab-self-test-token";

    @Test
    void labMeasuresWhatItClaims() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (TelemetryTestServer endpoint = new TelemetryTestServer(vertx, TOKEN).listen();
             GslbLab lab = GslbLab.start(GslbLab.Options.agentsOnly(endpoint.port(), TOKEN))) {
            try {
                sipPortsAnswerOrStaySilent(lab);
                lab.awaitAgentsConnected(Duration.ofSeconds(20));
                await("a hello from every node").atMost(Duration.ofSeconds(10)).until(() ->
                        envelopes(endpoint).stream().filter(e -> e.payload() instanceof NodeHello)
                                .map(TelemetryEnvelope::senderId).distinct().count() == LabPlan.NODES.size());
                // (OVERLOADED may come and go: the agents measure the whole machine's CPU, which the lab shares)
                await("sin-2's agent reports its SIP stack up (its PBX check hits sin-1's SIPp)")
                        .atMost(Duration.ofSeconds(10)).until(() -> latestHeartbeat(endpoint, "sin-2")
                                .map(hb -> !hb.hasFatalFlag()).orElse(false));

                long t0 = System.nanoTime();
                for (ClientNetwork n : LabPlan.NETWORKS) {
                    for (String site : LabPlan.SITES) {
                        awaitRtt(endpoint, site, n, lab.paths().rtt(site, n), Duration.ofSeconds(15), lab);
                    }
                }
                System.out.printf("lab: all 9 paths measured as configured %.1f s after the agents connected%n",
                        (System.nanoTime() - t0) / 1e9);

                lab.paths().setRtt("fra", LabPlan.CLIENT_A, 60);
                long t1 = System.nanoTime();
                awaitRtt(endpoint, "fra", LabPlan.CLIENT_A, 60, Duration.ofSeconds(10), lab);
                System.out.printf("lab: fra -> clientA changed 5 -> 60 ms, reported %.1f s later%n",
                        (System.nanoTime() - t1) / 1e9);

                int before = endpoint.connections().size();
                lab.agent("fra-1").kill();
                TelemetryTestServer.Connection fra = connectionOf(endpoint, "fra-1");
                await("fra-1's connection ends with its process").atMost(Duration.ofSeconds(5))
                        .until(fra.socket::isClosed);
                lab.agent("fra-1").start().awaitConnected(Duration.ofSeconds(20));
                await("fra-1 says hello again").atMost(Duration.ofSeconds(10)).until(() ->
                        endpoint.connections().size() > before && connectionOf(endpoint, "fra-1") != fra);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n" + lab.logs(), e);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void sipPortsAnswerOrStaySilent(GslbLab lab) {
        for (LabNode n : LabPlan.NODES) {
            Optional<String> answer = SipPing.options(n.address(), lab.sipPort(), Duration.ofSeconds(1));
            if (n.silent()) {
                assertThat(answer).as("%s's SIP port must stay silent", n.id()).isEmpty();
            } else {
                assertThat(answer).as("SIPp of %s answers OPTIONS", n.id()).contains("SIP/2.0 200 OK");
            }
        }
    }

    /** Waits for a delta from {@code site}'s agent whose STAMP RTT towards {@code n} is the configured one. */
    private static void awaitRtt(TelemetryTestServer endpoint, String site, ClientNetwork n, int rttMillis,
                                 Duration timeout, GslbLab lab) {
        String node = LabPlan.prober(site).id();
        // The relay's hold time is exact to about a millisecond; the rest is loopback and scheduling.
        double tolerance = Math.max(4, rttMillis * 0.1);
        long since = System.currentTimeMillis();
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> reported(endpoint, node, n, since).stream()
                            .anyMatch(m -> Math.abs(m.rttMillis() - rttMillis) <= tolerance));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(site + " did not report " + rttMillis + " ms (±" + tolerance + ") to " + n
                    + " within " + timeout + "; it reported " + reported(endpoint, node, n, since)
                    + "; all its STAMP prefixes: " + envelopes(endpoint).stream()
                            .filter(x -> x.senderId().equals(node) && x.payload() instanceof MeasurementBatch)
                            .flatMap(x -> ((MeasurementBatch) x.payload()).measurements().stream())
                            .map(m -> m.prefix() + "=" + Math.round(m.rttMillis())).distinct().toList()
                    + "\nrelays:\n" + lab.paths().describe());
        }
    }

    /** What {@code node} reported for {@code n} in batches sent at or after {@code sinceMillis} (same host clock). */
    private static List<PrefixMeasurement> reported(TelemetryTestServer endpoint, String node, ClientNetwork n,
                                                    long sinceMillis) {
        return envelopes(endpoint).stream()
                .filter(e -> e.senderId().equals(node) && e.payload() instanceof MeasurementBatch
                        && e.sentAtMillis() >= sinceMillis)
                .flatMap(e -> ((MeasurementBatch) e.payload()).measurements().stream())
                .filter(m -> m.source() == MeasurementSource.STAMP && m.prefix().toString().equals(n.prefix()))
                .toList();
    }

    private static List<TelemetryEnvelope> envelopes(TelemetryTestServer endpoint) {
        return endpoint.connections().stream().flatMap(c -> c.received.stream()).toList();
    }

    private static Optional<NodeHeartbeat> latestHeartbeat(TelemetryTestServer endpoint, String node) {
        List<NodeHeartbeat> hbs = envelopes(endpoint).stream()
                .filter(e -> e.senderId().equals(node) && e.payload() instanceof NodeHeartbeat)
                .map(e -> (NodeHeartbeat) e.payload()).toList();
        return hbs.isEmpty() ? Optional.empty() : Optional.of(hbs.get(hbs.size() - 1));
    }

    private static TelemetryTestServer.Connection connectionOf(TelemetryTestServer endpoint, String node) {
        TelemetryTestServer.Connection found = null;
        for (TelemetryTestServer.Connection c : endpoint.connections()) {
            if (!c.received.isEmpty() && c.received.get(0).senderId().equals(node)) {
                found = c;
            }
        }
        return found;
    }
}
