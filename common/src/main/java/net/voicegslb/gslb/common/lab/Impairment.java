package net.voicegslb.gslb.common.lab;

import java.util.Random;

/**
 * What the relay does to one direction of traffic: a fixed delay, plus a jitter drawn uniformly from
 * [−jitter, +jitter] per packet (clamped at zero delay; packets may therefore be reordered, as
 * with netem), and independent random loss.
 */
public record Impairment(double delayMillis, double jitterMillis, double loss) {
    public Impairment {
        if (delayMillis < 0 || jitterMillis < 0 || !(loss >= 0 && loss <= 1)) {
            throw new IllegalArgumentException("delay, jitter >= 0 and loss in [0, 1] required");
        }
    }

    public static Impairment none() {
        return new Impairment(0, 0, 0);
    }

    /** Nanoseconds to hold a packet, or -1 to drop it. Draws from {@code random} in a fixed order. */
    long holdNanos(Random random) {
        boolean drop = random.nextDouble() < loss;
        double jitter = jitterMillis == 0 ? 0 : (random.nextDouble() * 2 - 1) * jitterMillis;
        if (drop) {
            return -1;
        }
        return (long) (Math.max(0, delayMillis + jitter) * 1e6);
    }
}
