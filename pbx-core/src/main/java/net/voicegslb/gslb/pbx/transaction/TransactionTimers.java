package net.voicegslb.gslb.pbx.transaction;

import java.time.Duration;

/**
 * RFC 3261 17 timer values: T1 (round-trip estimate, 500 ms), T2 (cap on retransmission
 * intervals for non-INVITE requests and INVITE responses, 4 s), T4 (how long the network holds a
 * message, 5 s). Configurable (sip.timers) because RFC 3261 allows other values on networks that
 * know their round trips, and so that tests can run the whole Timer G/H schedule in seconds.
 *
 * @param t1Millis T1
 * @param t2Millis T2, at least T1
 * @param t4Millis T4
 */
public record TransactionTimers(long t1Millis, long t2Millis, long t4Millis) {

    /** The RFC defaults, for code that is not handed the node's configured timers. */
    public static final long T1_MILLIS = 500;
    public static final long T2_MILLIS = 4_000;
    public static final long T4_MILLIS = 5_000;
    /** Timers B, F, H and J with the RFC defaults: how long a transaction lives at most. */
    public static final long TIMER_H_MILLIS = 64 * T1_MILLIS;

    public static final TransactionTimers RFC_3261 = new TransactionTimers(T1_MILLIS, T2_MILLIS, T4_MILLIS);

    public TransactionTimers {
        if (t1Millis <= 0 || t2Millis < t1Millis || t4Millis <= 0) {
            throw new IllegalArgumentException("need 0 < T1 <= T2 and T4 > 0");
        }
    }

    public static TransactionTimers of(Duration t1, Duration t2, Duration t4) {
        return new TransactionTimers(t1.toMillis(), t2.toMillis(), t4.toMillis());
    }

    /** Timers B, F, H and J: 64*T1. */
    public long timerHMillis() {
        return 64 * t1Millis;
    }
}
