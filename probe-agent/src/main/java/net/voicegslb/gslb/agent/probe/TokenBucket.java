package net.voicegslb.gslb.agent.probe;

/**
 * Classic token bucket on an injected monotonic time: {@code ratePerSecond} tokens accrue up to
 * {@code burst}. Not thread-safe; the probe scheduler owns it on one thread.
 */
public final class TokenBucket {

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    public TokenBucket(double ratePerSecond, double burst, long nowNanos) {
        if (!(ratePerSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("rate > 0 and burst >= 1 required");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    public boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whether the bucket has refilled completely by {@code nowNanos}, i.e. forgetting it loses nothing. */
    public boolean fullAt(long nowNanos) {
        return tokens + Math.max(0, nowNanos - lastNanos) * ratePerNano >= burst;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * ratePerNano);
            lastNanos = nowNanos;
        }
    }
}
