package net.voicegslb.gslb.rtp.stats;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * Immutable snapshot of one media stream: what the relay received from one call leg's peer.
 * The remote address is the latched one, so a consumer can aggregate by client prefix.
 *
 * @param callId the call (ng call-id) this stream belongs to
 * @param leg which side of the call the peer is on
 * @param remote the peer's latched RTP address, or null if no media arrived yet
 * @param ssrc the peer's current SSRC (0 before the first packet)
 * @param clockRate RTP clock rate used for jitter
 * @param expected packets expected since the stream (re)started, RFC 3550 A.3
 * @param received distinct packets received
 * @param duplicates duplicate packets seen (not counted in {@code received})
 * @param lost cumulative lost packets, {@code expected - received}, never negative
 * @param interval loss over the interval since the previous snapshot
 * @param jitterMillis interarrival jitter, RFC 3550 A.8, in milliseconds
 * @param rttMillis relay-to-peer round trip from RTCP LSR/DLSR, NaN if not measured yet
 * @param octets payload octets received
 * @param finalSnapshot true for the last snapshot, sent when the stream closes
 * @param at when the snapshot was taken
 */
public record StreamStats(
        String callId,
        LegSide leg,
        InetSocketAddress remote,
        long ssrc,
        int clockRate,
        long expected,
        long received,
        long duplicates,
        long lost,
        IntervalLoss interval,
        double jitterMillis,
        double rttMillis,
        long octets,
        boolean finalSnapshot,
        Instant at) {

    public double lossRatio() {
        return expected == 0 ? 0.0 : (double) lost / expected;
    }
}
