package net.voicegslb.gslb.dns.sipcheck;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's rounds: checks all its targets at once and reports the folded result. Runs on the
 * checker's event loop only.
 */
final class NodeChecker {
    private static final Logger LOG = LoggerFactory.getLogger(NodeChecker.class);
    private final String nodeId;
    private final List<TargetCheck> probes;
    private final Duration maxDrain;
    private final SipCheckListener listener;
    private final LongSupplier clockMillis;
    private final Consumer<TargetOutcome> observer;
    private NodeRound round;

    NodeChecker(String nodeId, List<TargetCheck> probes, Duration maxDrain, SipCheckListener listener,
                LongSupplier clockMillis, Consumer<TargetOutcome> observer) {
        this.nodeId = nodeId;
        this.probes = List.copyOf(probes);
        this.maxDrain = maxDrain;
        this.listener = listener;
        this.clockMillis = clockMillis;
        this.observer = observer;
    }

    /**
     * One round. Never throws: Netty cancels a periodic task that throws, which would end this
     * node's checks for good.
     */
    void runRound() {
        try {
            startRound();
        } catch (RuntimeException e) {
            LOG.warn("SIP check round of node {} failed to start", nodeId, e);
        }
    }

    private void startRound() {
        if (round != null && !round.complete()) {
            // The previous round is still waiting (timeout as long as the interval): skip, not pile up.
            return;
        }
        NodeRound r = new NodeRound(nodeId, probes.size());
        round = r;
        for (TargetCheck p : probes) {
            p.check(outcome -> {
                if (round != r) {
                    return; // abandoned by a reconfigure or close: not a result of the node
                }
                observer.accept(outcome);
                if (r.add(outcome)) {
                    deliver(r.report(maxDrain));
                }
            });
        }
    }

    private void deliver(NodeRound.Report report) {
        try {
            report.deliver(listener, clockMillis.getAsLong());
        } catch (RuntimeException e) {
            // The consumer's problem (e.g. a node removed by a reload racing this round), not the node's.
            LOG.warn("SIP check listener rejected the result for node {}: {}", nodeId, report.detail(), e);
        }
    }

    void close() {
        round = null;
        for (TargetCheck p : probes) {
            p.close();
        }
    }
}
