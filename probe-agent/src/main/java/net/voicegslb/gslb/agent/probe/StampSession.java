package net.voicegslb.gslb.agent.probe;

/**
 * Sender-side state of one STAMP session (one target): what was sent when, what came back, and the
 * running RTT, jitter and loss. Sequence numbers are kept as longs internally and sent as their low
 * 32 bits. Sends and answers arrive on the sender's event loop while windows are taken by the
 * reporting thread, hence the (uncontended, short) monitor.
 *
 * <p>A packet is settled when its answer arrives within the loss timeout, or when the timeout has
 * passed without one (then it is lost, and a later answer only counts as late). The ring holds the
 * last {@value #RING} sends; a faster rate than RING / timeout settles the oldest early.
 */
final class StampSession {

    static final int RING = 1 << 14;
    private static final int MASK = RING - 1;

    private final long lossTimeoutNanos;
    private final long[] sentNanos = new long[RING];
    private final long[] sentNtp = new long[RING];
    private final boolean[] answered = new boolean[RING];

    private long nextSeq;
    private long settledUpTo; // every seq below this is settled

    // window accumulators
    private long settled;
    private long lost;
    private long rttSamples;
    private double rttSumNanos;
    private long rttMinNanos = Long.MAX_VALUE;
    private long rttMaxNanos = Long.MIN_VALUE;
    private long duplicates;
    private long late;
    private long answeredInWindow;

    // RFC 3550 jitter state, kept across windows
    private long lastRttNanos = -1;
    private double jitterNanos;

    StampSession(long lossTimeoutNanos) {
        this.lossTimeoutNanos = lossTimeoutNanos;
    }

    /** Records a send; returns the sequence number to put on the wire. */
    synchronized long onSend(long nowNanos, long ntp) {
        if (nextSeq - settledUpTo >= RING) {
            settleOne(); // ring full: the oldest cannot be tracked any more
        }
        long seq = nextSeq++;
        int i = (int) (seq & MASK);
        sentNanos[i] = nowNanos;
        sentNtp[i] = ntp;
        answered[i] = false;
        return seq;
    }

    /**
     * Records an answer. Returns false when it does not match a packet we sent (unknown sequence or a
     * sender timestamp that is not ours: a stale or spoofed answer).
     *
     * @param rttNanos (T4 − T1) − (T3 − T2) computed by the caller from the reflected timestamps
     */
    synchronized boolean onAnswer(long seq32, long echoedNtp, long nowNanos, long rttNanos) {
        long seq = widen(seq32);
        if (seq < 0 || seq >= nextSeq || nextSeq - seq > RING) {
            return false;
        }
        int i = (int) (seq & MASK);
        if (sentNtp[i] != echoedNtp) {
            return false;
        }
        if (seq < settledUpTo) {
            if (answered[i]) {
                duplicates++;
            } else {
                late++;
            }
            return true;
        }
        if (answered[i]) {
            duplicates++;
            return true;
        }
        if (nowNanos - sentNanos[i] > lossTimeoutNanos) {
            late++; // will be settled as lost: RFC 8762 treats answers after the timeout as lost
            return true;
        }
        answered[i] = true;
        answeredInWindow++;
        long rtt = Math.max(0, rttNanos);
        rttSamples++;
        rttSumNanos += rtt;
        rttMinNanos = Math.min(rttMinNanos, rtt);
        rttMaxNanos = Math.max(rttMaxNanos, rtt);
        if (lastRttNanos >= 0) {
            jitterNanos += (Math.abs(rtt - lastRttNanos) - jitterNanos) / 16.0;
        }
        lastRttNanos = rtt;
        return true;
    }

    /** Settles what the timeout allows and returns the window since the previous call. */
    synchronized PathWindow takeWindow(long nowNanos) {
        while (settledUpTo < nextSeq && nowNanos - sentNanos[(int) (settledUpTo & MASK)] > lossTimeoutNanos) {
            settleOne();
        }
        // Answered packets not yet past the timeout are settled too: their fate is known.
        for (long s = settledUpTo; s < nextSeq && answered[(int) (s & MASK)]; s++) {
            settleOne();
        }
        PathWindow w = new PathWindow(settled, lost, rttSamples,
                rttSamples == 0 ? Double.NaN : rttSumNanos / rttSamples / 1e6,
                rttSamples == 0 ? Double.NaN : rttMinNanos / 1e6,
                rttSamples == 0 ? Double.NaN : rttMaxNanos / 1e6,
                jitterNanos / 1e6, duplicates, late);
        settled = 0;
        lost = 0;
        rttSamples = 0;
        rttSumNanos = 0;
        rttMinNanos = Long.MAX_VALUE;
        rttMaxNanos = Long.MIN_VALUE;
        duplicates = 0;
        late = 0;
        answeredInWindow = 0;
        return w;
    }

    synchronized long sent() {
        return nextSeq;
    }

    private void settleOne() {
        if (!answered[(int) (settledUpTo & MASK)]) {
            lost++;
        }
        settled++;
        settledUpTo++;
    }

    /** The long sequence whose low 32 bits are seq32, closest below nextSeq. */
    private long widen(long seq32) {
        long candidate = (nextSeq & ~0xFFFF_FFFFL) | (seq32 & 0xFFFF_FFFFL);
        if (candidate >= nextSeq) {
            candidate -= 1L << 32;
        }
        return candidate;
    }
}
