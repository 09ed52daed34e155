package net.voicegslb.gslb.rtp.session;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Symmetric latching of one peer address (RTP or RTCP) with hijack protection.
 *
 * <p>A phone behind NAT signals an address it cannot be reached at, so the relay learns the real
 * one from the first valid packet and sends back there ("latching"). Once latched, packets from
 * any other source are rejected, with two exceptions that real phones need:
 * <ul>
 *   <li>a packet from exactly the signalled address takes over: the signalled peer is by
 *       definition the one the call set up, so an earlier latch to anyone else was a NAT or a race;</li>
 *   <li>after the latched source has been silent for {@code relatchAfter}, a packet with the same
 *       SSRC as the latched stream may move the latch (the phone's NAT binding changed). Requiring
 *       the SSRC means a third party must have seen the media to take it over.</li>
 * </ul>
 * Event-loop confined.
 */
public final class RemoteLatch {

    private final long relatchAfterNanos;
    private InetSocketAddress signalled;
    private InetSocketAddress latched;
    private long latchedSsrc;
    private long lastSeenNanos;

    public RemoteLatch(Duration relatchAfter) {
        this.relatchAfterNanos = relatchAfter.toNanos();
    }

    /** The address from signalling (SDP); null while unknown. */
    public void signal(InetSocketAddress address) {
        this.signalled = address;
    }

    /**
     * Judges one valid packet from {@code source} carrying {@code ssrc} (for RTCP the sender SSRC).
     */
    public LatchDecision onPacket(InetSocketAddress source, long ssrc, long nowNanos) {
        if (latched == null) {
            latch(source, ssrc, nowNanos);
            return LatchDecision.LATCHED;
        }
        if (latched.equals(source)) {
            latchedSsrc = ssrc;
            lastSeenNanos = nowNanos;
            return LatchDecision.ACCEPT;
        }
        boolean fromSignalled = source.equals(signalled);
        boolean silentPeerMoved = nowNanos - lastSeenNanos >= relatchAfterNanos && ssrc == latchedSsrc;
        if (fromSignalled || silentPeerMoved) {
            latch(source, ssrc, nowNanos);
            return LatchDecision.RELATCHED;
        }
        return LatchDecision.REJECT;
    }

    private void latch(InetSocketAddress source, long ssrc, long nowNanos) {
        latched = source;
        latchedSsrc = ssrc;
        lastSeenNanos = nowNanos;
    }

    /** Where to send to this peer: the latched address, else the signalled one, else null. */
    public InetSocketAddress destination() {
        return latched != null ? latched : signalled;
    }

    public InetSocketAddress latched() {
        return latched;
    }

    public boolean isLatched() {
        return latched != null;
    }
}
