package net.voicegslb.gslb.agent.telemetry;

import java.util.random.RandomGenerator;

/**
 * Reconnect delays: exponential from {@code baseMillis} to {@code capMillis}, with "equal jitter"
 * (half the step fixed, half random) so that a fleet of agents that lost the same DNS node does not
 * reconnect in lock-step, while no agent retries sooner than half its step. Not thread-safe: each
 * link owns one and uses it on its own context.
 */
public final class Backoff {

    private final long baseMillis;
    private final long capMillis;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(long baseMillis, long capMillis, RandomGenerator random) {
        if (baseMillis <= 0 || capMillis < baseMillis) {
            throw new IllegalArgumentException("0 < base <= cap required");
        }
        this.baseMillis = baseMillis;
        this.capMillis = capMillis;
        this.random = random;
    }

    /** The delay before the next attempt; each call doubles the step until the cap. */
    public long nextDelayMillis() {
        long step = attempt >= 30 ? capMillis : Math.min(capMillis, baseMillis << attempt);
        attempt++;
        long half = step / 2;
        return half + (long) (random.nextDouble() * (step - half + 1));
    }

    /** After a connection proved stable: the next failure starts from the base again. */
    public void reset() {
        attempt = 0;
    }

    public int attempts() {
        return attempt;
    }
}
