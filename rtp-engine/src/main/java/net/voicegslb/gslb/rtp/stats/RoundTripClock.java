package net.voicegslb.gslb.rtp.stats;

import java.util.Arrays;

/**
 * Round-trip time between the relay and one peer from RTCP (RFC 3550 6.4.1): when an SR leaves
 * the relay towards the peer we note its NTP middle 32 bits and our monotonic time; when the peer's
 * report block later echoes that value as LSR with its DLSR, RTT = arrival - departure - DLSR.
 * Only our own clock is used, so neither endpoint's wall clock needs to be right, and the result is
 * the leg towards that client's network, which is what the agent wants.
 */
public final class RoundTripClock {

    private static final int SLOTS = 8;

    private final long[] lsr = new long[SLOTS];
    private final long[] sentNanos = new long[SLOTS];
    private int next;
    private long lastRttNanos = -1;

    public RoundTripClock() {
        Arrays.fill(lsr, -1);
    }

    /** An SR whose NTP middle 32 bits are {@code middle32} was sent to the peer at {@code nowNanos}. */
    public void onSenderReportSent(long middle32, long nowNanos) {
        lsr[next] = middle32;
        sentNanos[next] = nowNanos;
        next = (next + 1) % SLOTS;
    }

    /**
     * A report block from the peer echoed {@code lastSr} with {@code delaySinceLastSr} (1/65536 s).
     *
     * @return the new RTT in nanoseconds, or -1 if the SR is unknown or the result is implausible
     */
    public long onReportBlock(long lastSr, long delaySinceLastSr, long nowNanos) {
        if (lastSr == 0) {
            return -1;
        }
        for (int i = 0; i < SLOTS; i++) {
            if (lsr[i] == lastSr) {
                long rtt = nowNanos - sentNanos[i] - delaySinceLastSr * 1_000_000_000L / 65_536L;
                if (rtt < 0) {
                    // DLSR larger than the time we measured: a lying or broken peer; ignore it.
                    return -1;
                }
                lastRttNanos = rtt;
                return rtt;
            }
        }
        return -1;
    }

    /** Most recent RTT in nanoseconds, or -1 before the first one. */
    public long lastRttNanos() {
        return lastRttNanos;
    }
}
