package net.voicegslb.gslb.rtp.session;

import java.util.concurrent.atomic.LongAdder;

/**
 * Relay-wide packet counters, bumped on the hot path by every event loop. LongAdder rather than
 * Micrometer counters directly: one striped add per packet, read only when metrics are scraped.
 */
public final class RelayCounters {

    public final LongAdder relayedPackets = new LongAdder();
    public final LongAdder relayedBytes = new LongAdder();
    /**
     * Nothing latched yet and the source is neither the SDP address nor the peer's SIP source IP:
     * someone spraying the port range to latch first (RTP bleed).
     */
    public final LongAdder droppedStrangerBeforeLatch = new LongAdder();
    /** From a source other than the latched peer: hijack attempts, stale senders. */
    public final LongAdder droppedStrangerAfterLatch = new LongAdder();
    /** Not a valid RTP or RTCP packet (including STUN/DTLS, which this relay does not speak). */
    public final LongAdder droppedMalformed = new LongAdder();
    /** The other side's address is not known yet (no answer, nothing latched). */
    public final LongAdder droppedNoDestination = new LongAdder();
    /** The outgoing socket's buffer was full: dropping beats queueing stale audio. */
    public final LongAdder droppedUnwritable = new LongAdder();
    /** Socket errors on send or receive (ICMP port unreachable from a vanished peer, say). */
    public final LongAdder socketErrors = new LongAdder();
    public final LongAdder latched = new LongAdder();
    public final LongAdder relatched = new LongAdder();
}
