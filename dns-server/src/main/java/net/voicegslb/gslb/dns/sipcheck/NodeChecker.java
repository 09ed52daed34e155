package net.voicegslb.gslb.dns.sipcheck;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One node's rounds: checks all its targets at once and reports the folded result. Runs on the
 * checker's event loop only.
 */
final class NodeChecker {
    private final String nodeId;
    private final List<TargetProbe> probes;
    private final Duration maxDrain;
    private final SipCheckListener listener;
    private final LongSupplier clockMillis;
    private final Consumer<TargetOutcome> observer;
    private NodeRound round;

    NodeChecker(String nodeId, List<TargetProbe> probes, Duration maxDrain, SipCheckListener listener,
                LongSupplier clockMillis, Consumer<TargetOutcome> observer) {
        this.nodeId = nodeId;
        this.probes = List.copyOf(probes);
        this.maxDrain = maxDrain;
        this.listener = listener;
        this.clockMillis = clockMillis;
        this.observer = observer;
    }

    void runRound() {
        if (round != null && !round.complete()) {
            // The previous round is still waiting (timeout as long as the interval): skip, not pile up.
            return;
        }
        NodeRound r = new NodeRound(nodeId, probes.size());
        round = r;
        for (TargetProbe p : probes) {
            p.check(outcome -> {
                observer.accept(outcome);
                if (round == r && r.add(outcome)) {
                    r.report(maxDrain).deliver(listener, clockMillis.getAsLong());
                }
            });
        }
    }

    void close() {
        round = null;
        for (TargetProbe p : probes) {
            p.close();
        }
    }
}
