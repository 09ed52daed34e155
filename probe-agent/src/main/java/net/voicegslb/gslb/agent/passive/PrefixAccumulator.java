package net.voicegslb.gslb.agent.passive;

/**
 * One (client prefix, source kind) over the current window: RTT mean, jitter, loss and sample
 * count. Jitter: sources that report their own (RTP streams: RFC 3550 interarrival jitter, STAMP:
 * the same estimator over RTTs) are averaged; RTT-only sources (SIP keepalives, RTCP, DNS probes)
 * get the RFC 3550 estimator (gain 1/16) over consecutive RTT samples of the prefix, so every
 * jitter figure we send has the same definition. Guarded by the aggregator's lock.
 */
final class PrefixAccumulator {

    long rttSamples;
    double rttSum;
    long jitterSamples;
    double jitterSum;
    long packets;
    long lost;
    long updatedNanos;

    // RFC 3550 estimator state for RTT-only sources; survives windows
    private double lastRtt = Double.NaN;
    double rttJitter;

    void rtt(double millis) {
        rttSamples++;
        rttSum += millis;
        if (!Double.isNaN(lastRtt)) {
            rttJitter += (Math.abs(millis - lastRtt) - rttJitter) / 16.0;
        }
        lastRtt = millis;
    }

    void jitter(double millis) {
        jitterSamples++;
        jitterSum += millis;
    }

    void packets(long total, long lostPackets) {
        packets += total;
        lost += lostPackets;
    }

    boolean empty() {
        return rttSamples == 0 && packets == 0 && jitterSamples == 0;
    }

    void resetWindow() {
        rttSamples = 0;
        rttSum = 0;
        jitterSamples = 0;
        jitterSum = 0;
        packets = 0;
        lost = 0;
    }
}
