package net.voicegslb.gslb.deploy.it.gslb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import net.voicegslb.gslb.deploy.it.support.Dig;
import net.voicegslb.gslb.deploy.it.support.Metrics;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One full {@link GslbLab} per test class: started before the first test (agents connected), stopped
 * after the last, whatever happened in between. When a test failed, the lab's logs are printed
 * beside the failure. Register with
 * {@code @RegisterExtension static final GslbLabExtension LAB = new GslbLabExtension(Duration.ofSeconds(2));}.
 */
public final class GslbLabExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    /** The lab's nodes, each with an agent. */
    public static final List<String> NODE_IDS = LabPlan.NODES.stream().map(LabNode::id).toList();

    private final GslbLab.Options options;
    private GslbLab lab;
    private boolean anyTestFailed;

    public GslbLabExtension(Duration hold) {
        this(GslbLab.Options.full(hold));
    }

    GslbLabExtension(GslbLab.Options options) {
        this.options = options;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        long t0 = System.nanoTime();
        lab = GslbLab.start(options);
        try {
            lab.awaitAgentsConnected(GslbLab.START_TIMEOUT);
            long connected = System.nanoTime();
            awaitServing();
            System.out.printf("%s: lab up in %.1f s: agents connected after %.1f s, every answering node serving"
                            + " %.1f s later%n", context.getDisplayName(), (System.nanoTime() - t0) / 1e9,
                    (connected - t0) / 1e9, (System.nanoTime() - connected) / 1e9);
        } catch (RuntimeException | AssertionError e) {
            anyTestFailed = true;
            throw e;
        }
    }

    /**
     * Until the DNS server has every answering node up (or degraded: still serving), i.e. past the
     * rise threshold; before that it answers from fewer sites or fails open, which no test is about.
     */
    private void awaitServing() {
        AdminApi api = api();
        await("every answering node serving").atMost(GslbLab.START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().untilAsserted(() -> {
                    io.vertx.core.json.JsonObject status = api.status();
                    for (LabNode n : LabPlan.NODES) {
                        if (!n.silent()) {
                            assertThat(AdminApi.statusNode(status, n.id()).getString("state")).as(n.id())
                                    .isIn("UP", "DEGRADED");
                        }
                    }
                });
    }

    /**
     * Puts the lab back as the next test expects it, whatever this one did or where it failed:
     * killed SIPp and agents restarted, every path at its initial delay, every answering node
     * serving again. Without it one failed test (say, one that killed fra and failed before
     * restarting it) would fail the tests after it in the class for a reason that is not theirs.
     */
    @Override
    public void afterEach(ExtensionContext context) {
        anyTestFailed |= context.getExecutionException().isPresent();
        if (lab == null) {
            return;
        }
        boolean restarted = false;
        for (LabNode n : LabPlan.NODES) {
            if (!n.silent() && !lab.sipp(n.id()).isAlive()) {
                lab.sipp(n.id()).start();
                restarted = true;
            }
            if (!lab.agent(n.id()).isAlive()) {
                lab.agent(n.id()).start();
                restarted = true;
            }
        }
        LabPlan.INITIAL_RTT_MS.forEach((network, rtts) -> rtts.forEach((site, rtt) ->
                lab.paths().setRtt(site, network, rtt)));
        if (restarted) {
            lab.awaitAgentsConnected(GslbLab.START_TIMEOUT);
        }
        awaitServing();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (lab == null) {
            return;
        }
        try {
            if (anyTestFailed || context.getExecutionException().isPresent()) {
                System.out.println(lab.logs());
            }
        } finally {
            lab.close();
        }
    }

    // --- for tests outside this package (the lab's own types stay package-private)

    /** The DNS server's /metrics now. */
    public Metrics dnsMetrics() {
        return lab.admin().metrics();
    }

    /** The /metrics of one node's agent now ({@link #NODE_IDS}). */
    public Metrics agentMetrics(String nodeId) {
        return lab.agent(nodeId).metrics();
    }

    /** dig against the lab's DNS server. */
    public Dig dig() {
        return lab.dig();
    }

    GslbLab lab() {
        return lab;
    }

    LabDns dns() {
        return new LabDns(lab);
    }

    AdminApi api() {
        return new AdminApi(lab.dns().adminPort(), lab.adminToken());
    }
}
