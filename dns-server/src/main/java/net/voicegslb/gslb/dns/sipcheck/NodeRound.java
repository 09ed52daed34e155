package net.voicegslb.gslb.dns.sipcheck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Collects the outcomes of one round over a node's targets into one report: the per-target
 * outcomes (health is kept per transport, so a dead TLS listener only costs the node its
 * {@code _sips._tcp} entry) and a node-wide summary for logs. A drain from any target wins (the node
 * said it is unavailable, whatever the other transport does). Pure and single-threaded.
 */
public final class NodeRound {
    private final String nodeId;
    private final int expected;
    private final List<TargetOutcome> outcomes;

    public NodeRound(String nodeId, int expectedTargets) {
        if (expectedTargets < 1) {
            throw new IllegalArgumentException("a round needs at least one target");
        }
        this.nodeId = nodeId;
        this.expected = expectedTargets;
        this.outcomes = new ArrayList<>(expectedTargets);
    }

    /** Adds one target's outcome; returns true when this completed the round. */
    public boolean add(TargetOutcome outcome) {
        if (!outcome.target().nodeId().equals(nodeId)) {
            throw new IllegalArgumentException("outcome of " + outcome.target().nodeId() + " in round of " + nodeId);
        }
        if (complete()) {
            throw new IllegalStateException("round of " + nodeId + " already complete");
        }
        outcomes.add(outcome);
        return complete();
    }

    public boolean complete() {
        return outcomes.size() == expected;
    }

    /** The report of a complete round. */
    public Report report(Duration maxDrain) {
        if (!complete()) {
            throw new IllegalStateException("round of " + nodeId + " has " + outcomes.size() + " of " + expected);
        }
        Optional<TargetOutcome> drain = outcomes.stream().filter(o -> o.kind() == TargetOutcome.Kind.DRAIN)
                .max(java.util.Comparator.comparingLong(TargetOutcome::drainSeconds));
        if (drain.isPresent()) {
            long millis = Math.min(Math.multiplyExact(drain.get().drainSeconds(), 1000L), maxDrain.toMillis());
            return new Report(nodeId, false, millis, drain.get().describe(), List.copyOf(outcomes));
        }
        List<TargetOutcome> failed = outcomes.stream().filter(o -> o.kind() == TargetOutcome.Kind.FAILED).toList();
        boolean ok = failed.isEmpty();
        String detail = (ok ? outcomes : failed).stream().map(TargetOutcome::describe)
                .collect(Collectors.joining("; "));
        return new Report(nodeId, ok, 0, detail, List.copyOf(outcomes));
    }

    /**
     * @param ok          every target answered alive (the node-wide summary)
     * @param drainMillis how long to drain, 0 when the round did not drain
     * @param outcomes    each target's own outcome: health is kept per transport
     */
    public record Report(String nodeId, boolean ok, long drainMillis, String detail, List<TargetOutcome> outcomes) {
        public boolean drain() {
            return drainMillis > 0;
        }

        /** Delivers the report: a drain ends at {@code now + drainMillis}. */
        public void deliver(SipCheckListener listener, long nowMillis) {
            if (drain()) {
                listener.onDrain(nodeId, nowMillis + drainMillis, detail, nowMillis);
            } else {
                listener.onCheck(nodeId, ok, detail, outcomes, nowMillis);
            }
        }
    }
}
