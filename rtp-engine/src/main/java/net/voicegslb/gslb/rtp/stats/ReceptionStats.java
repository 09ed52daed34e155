package net.voicegslb.gslb.rtp.stats;

/**
 * Reception statistics of one RTP source, after RFC 3550 Appendix A: sequence tracking with
 * probation, wrap and restart detection (A.1), expected and lost packets with an interval fraction
 * (A.3) and interarrival jitter (A.8). Confined to the stream's event loop, so no synchronisation.
 *
 * <p>One deliberate difference from a raw RR: duplicates are detected (over the last 64 sequence
 * numbers) and not counted as received, so a duplicating path cannot hide loss. A.1's own
 * {@code received} is {@link #received()} + {@link #duplicates()}.
 */
public final class ReceptionStats {

    static final int RTP_SEQ_MOD = 1 << 16;
    static final int MAX_DROPOUT = 3000;
    static final int MAX_MISORDER = 100;
    static final int MIN_SEQUENTIAL = 2;

    private final int clockRate;
    private boolean started;
    private long ssrc;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private int badSeq;
    private int probation;
    private long received;
    private long duplicates;
    private long expectedPrior;
    private long receivedPrior;
    private long window;
    private long octets;

    private boolean haveTransit;
    private long transit;
    /** Arrival clock origin, so that micros * clock rate cannot overflow in a long call. */
    private long originMicros;
    /** Jitter scaled by 16 (A.8's integer form), in RTP timestamp units. */
    private long jitterQ4;

    public ReceptionStats(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
        }
        this.clockRate = clockRate;
    }

    /**
     * Accounts one valid RTP packet.
     *
     * @param arrivalMicros arrival time on any monotonic microsecond clock
     * @return true if it counted (false while on probation, for a duplicate or a wild jump)
     */
    public boolean onPacket(long packetSsrc, int seq, long rtpTimestamp, int payloadBytes, long arrivalMicros) {
        if (!started || packetSsrc != ssrc) {
            // A new SSRC is a new source (RFC 3550 8.2): start over rather than mix two sequences.
            start(packetSsrc, seq);
            originMicros = arrivalMicros;
        }
        if (!updateSeq(seq)) {
            return false;
        }
        octets += payloadBytes;
        updateJitter(rtpTimestamp, arrivalMicros);
        return true;
    }

    private void start(long packetSsrc, int seq) {
        started = true;
        ssrc = packetSsrc;
        initSeq(seq);
        maxSeq = (seq - 1) & 0xffff;
        probation = MIN_SEQUENTIAL;
        haveTransit = false;
        jitterQ4 = 0;
    }

    private void initSeq(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = RTP_SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        duplicates = 0;
        receivedPrior = 0;
        expectedPrior = 0;
        window = 0;
        octets = 0;
    }

    private boolean updateSeq(int seq) {
        int udelta = (seq - maxSeq) & 0xffff;
        if (probation > 0) {
            if (seq == ((maxSeq + 1) & 0xffff)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    initSeq(seq);
                    received++;
                    window = 1;
                    return true;
                }
            } else {
                probation = MIN_SEQUENTIAL - 1;
                maxSeq = seq;
            }
            return false;
        }
        if (udelta < MAX_DROPOUT) {
            if (udelta == 0) {
                duplicates++;
                return false;
            }
            if (seq < maxSeq) {
                cycles += RTP_SEQ_MOD;
            }
            maxSeq = seq;
            window = udelta >= 64 ? 1 : (window << udelta) | 1;
        } else if (udelta <= RTP_SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                // Two sequential packets after a jump: the sender restarted (A.1).
                initSeq(seq);
                window = 1;
            } else {
                badSeq = (seq + 1) & 0xffff;
                return false;
            }
        } else {
            int behind = RTP_SEQ_MOD - udelta;
            if (behind < 64) {
                long bit = 1L << behind;
                if ((window & bit) != 0) {
                    duplicates++;
                    return false;
                }
                window |= bit;
            }
        }
        received++;
        return true;
    }

    private void updateJitter(long rtpTimestamp, long arrivalMicros) {
        // Arrival converted to timestamp units; differences taken modulo 2^32 so that a
        // timestamp wrap does not look like a jump of 2^32 units.
        long arrival = Math.floorDiv((arrivalMicros - originMicros) * clockRate, 1_000_000L);
        long t = arrival - rtpTimestamp;
        if (haveTransit) {
            long d = Math.abs((long) (int) (t - transit));
            jitterQ4 += d - ((jitterQ4 + 8) >> 4);
        }
        transit = t;
        haveTransit = true;
    }

    public boolean started() {
        return started && probation == 0;
    }

    public long ssrc() {
        return ssrc;
    }

    public int clockRate() {
        return clockRate;
    }

    public long extendedMaxSequence() {
        return cycles + maxSeq;
    }

    public long expected() {
        return started() ? extendedMaxSequence() - baseSeq + 1 : 0;
    }

    public long received() {
        return received;
    }

    public long duplicates() {
        return duplicates;
    }

    public long octets() {
        return octets;
    }

    /** Expected minus received; never negative because duplicates are not counted as received. */
    public long cumulativeLost() {
        return Math.max(0, expected() - received);
    }

    /** Interarrival jitter in RTP timestamp units, as an RR would carry it. */
    public long jitter() {
        return jitterQ4 >> 4;
    }

    public double jitterMillis() {
        return jitterQ4 / 16.0 * 1000.0 / clockRate;
    }

    /**
     * Closes a reporting interval (A.3) and returns what happened in it. Call it from one place
     * only: every call starts a new interval.
     */
    public IntervalLoss closeInterval() {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = Math.max(0, expectedInterval - receivedInterval);
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        return new IntervalLoss(expectedInterval, lostInterval, Math.min(fraction, 255));
    }
}
