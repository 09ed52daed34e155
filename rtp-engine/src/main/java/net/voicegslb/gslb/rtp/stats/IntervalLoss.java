package net.voicegslb.gslb.rtp.stats;

/**
 * Loss over one reporting interval (RFC 3550 A.3).
 *
 * @param expected packets expected in the interval
 * @param lost packets expected but not received in the interval
 * @param fraction lost / expected as an 8-bit fixed-point fraction, as in an RR
 */
public record IntervalLoss(long expected, long lost, int fraction) {

    public double ratio() {
        return expected == 0 ? 0.0 : (double) lost / expected;
    }
}
