package net.voicegslb.gslb.agent.probe;

import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Decides which targets to probe now, so that no target list, however long, becomes a packet
 * storm: a global token bucket bounds the agent's total probe rate, each target is probed at most
 * once per {@code perTargetIntervalNanos} (± {@code jitterFraction}, so targets added together
 * drift apart), and each {@link #tick} sends at most {@code maxPerTick}. Targets are visited
 * round-robin from a cursor, so with 100,000 targets and 200 probes/s each is probed about every
 * 500 s, busiest first when the list is ordered by weight. Call {@link #tick} from one thread
 * (e.g. every 10 ms on an event loop).
 *
 * @param <T> target type (an address with its kind)
 */
public final class ProbeScheduler<T> {

    private final TokenBucket global;
    private final long perTargetIntervalNanos;
    private final double jitterFraction;
    private final int maxPerTick;
    private final RandomGenerator random;
    private final Consumer<T> probe;
    private List<T> targets = List.of();
    private long[] nextDue = new long[0];
    private int cursor;
    private long sent;

    public ProbeScheduler(double globalPerSecond, int burst, long perTargetIntervalNanos, double jitterFraction,
                          int maxPerTick, RandomGenerator random, Consumer<T> probe, long nowNanos) {
        this.global = new TokenBucket(globalPerSecond, burst, nowNanos);
        this.perTargetIntervalNanos = perTargetIntervalNanos;
        this.jitterFraction = jitterFraction;
        this.maxPerTick = maxPerTick;
        this.random = random;
        this.probe = probe;
    }

    /** Replaces the target list (e.g. a new list from a DNS node); first probes are spread over one interval. */
    public void setTargets(List<T> newTargets, long nowNanos) {
        targets = List.copyOf(newTargets);
        nextDue = new long[targets.size()];
        for (int i = 0; i < nextDue.length; i++) {
            nextDue[i] = nowNanos + (long) (random.nextDouble() * perTargetIntervalNanos);
        }
        cursor = 0;
    }

    /** Sends what is due and allowed now; returns how many probes were sent. */
    public int tick(long nowNanos) {
        int n = targets.size();
        int sentNow = 0;
        // Visit each target at most once per tick: bounded work even when nothing is due.
        for (int visited = 0; visited < n && sentNow < maxPerTick; visited++) {
            int i = cursor;
            cursor = cursor + 1 == n ? 0 : cursor + 1;
            if (nextDue[i] - nowNanos > 0) {
                continue;
            }
            if (!global.tryTake(nowNanos)) {
                cursor = i; // retry this one first next tick
                break;
            }
            double jitter = 1 + (random.nextDouble() * 2 - 1) * jitterFraction;
            nextDue[i] = nowNanos + (long) (perTargetIntervalNanos * jitter);
            probe.accept(targets.get(i));
            sentNow++;
        }
        sent += sentNow;
        return sentNow;
    }

    public long sent() {
        return sent;
    }

    public int targetCount() {
        return targets.size();
    }
}
