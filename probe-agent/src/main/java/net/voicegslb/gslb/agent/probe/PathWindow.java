package net.voicegslb.gslb.agent.probe;

/**
 * What one probe session measured towards one target since the previous window.
 *
 * @param settled      packets whose fate is known (answered in time, or timed out)
 * @param lost         settled packets that got no answer within the loss timeout
 * @param rttSamples   answers that produced an RTT sample
 * @param rttMeanMillis mean RTT of those samples (NaN without samples)
 * @param rttMinMillis / rttMaxMillis extremes (NaN without samples)
 * @param jitterMillis RFC 3550 interarrival jitter (§6.4.1 estimator, gain 1/16) applied to the
 *                     round-trip times in arrival order: J += (|RTTᵢ − RTTᵢ₋₁| − J) / 16.
 *                     Not IPDV (RFC 5481): the E-model in policy sizes its jitter buffer from the
 *                     RFC 3550 figure, the same one rtp-engine reports for real streams.
 * @param duplicates   answers received twice
 * @param late         answers that arrived after the loss timeout (counted lost, RFC 8762 §4)
 */
public record PathWindow(long settled, long lost, long rttSamples, double rttMeanMillis, double rttMinMillis,
                         double rttMaxMillis, double jitterMillis, long duplicates, long late) {

    public double lossRatio() {
        return settled == 0 ? 0 : (double) lost / settled;
    }
}
