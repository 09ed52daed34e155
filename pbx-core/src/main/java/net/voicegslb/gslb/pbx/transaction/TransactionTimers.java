package net.voicegslb.gslb.pbx.transaction;

/** RFC 3261 17 timer values (T1 = 500 ms round-trip estimate, T2 = 4 s, 64*T1 = 32 s). */
public final class TransactionTimers {
    public static final long T1_MILLIS = 500;
    public static final long T2_MILLIS = 4_000;
    /** Timers B, F, H and J: how long a transaction lives at most. */
    public static final long TIMER_H_MILLIS = 64 * T1_MILLIS;

    private TransactionTimers() {}
}
