package net.voicegslb.gslb.rtp.session;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Symmetric latching of one peer address (RTP or RTCP) with protection against RTP bleed and
 * hijacking.
 *
 * <p>A phone behind NAT signals an address it cannot be reached at, so the relay learns the real
 * one from its packets and sends back there ("latching"). Latching to whoever sends first would
 * let a third party who sprays the port range take the leg before the phone and receive the
 * other party's audio (RTP bleed). So only a <em>vouched-for</em> source may latch first:
 * <ul>
 *   <li>a source with the IP address signalled in SDP (any port: some phones send from another
 *       port than they signal), or</li>
 *   <li>a source with the IP address the leg's SIP signalling came from, any port. This is the
 *       NAT rule: the phone's NAT maps its media to the same public IP as its SIP, but to a port
 *       nobody can predict.</li>
 * </ul>
 * Once latched, packets from any other source are refused, with these exceptions:
 * <ul>
 *   <li>a packet from exactly the signalled address (IP and port) takes over: the signalled
 *       endpoint is by definition the one the call set up, so an earlier latch to anyone else
 *       (a neighbour behind the same carrier-grade NAT, a race) is undone;</li>
 *   <li>a vouched-for source takes over from a latch that is no longer vouched for (a re-INVITE
 *       moved the peer to another address, or the latch moved by SSRC as below);</li>
 *   <li>after the latched source has been silent for {@code relatchAfter}, a packet with the same
 *       SSRC as the latched stream may move the latch (the phone's NAT binding changed). Requiring
 *       the SSRC means a third party must have seen the media to take it over.</li>
 * </ul>
 * Event-loop confined.
 */
public final class RemoteLatch {

    private final long relatchAfterNanos;
    private InetSocketAddress signalled;
    private InetAddress signalledIp;
    private InetAddress signallingSource;
    private InetSocketAddress latched;
    private boolean latchedVouched;
    private long latchedSsrc;
    private long lastSeenNanos;

    public RemoteLatch(Duration relatchAfter) {
        this.relatchAfterNanos = relatchAfter.toNanos();
    }

    /** The address from signalling (SDP); null while unknown. No SIP source: only SDP's IP may latch. */
    public void signal(InetSocketAddress address) {
        signal(address, null);
    }

    /**
     * What signalling says about the peer.
     *
     * @param address the address from SDP; null while unknown
     * @param sipSource the IP the leg's SIP message (offer or answer) came from; null if unknown
     */
    public void signal(InetSocketAddress address, InetAddress sipSource) {
        this.signalled = address;
        this.signalledIp = address == null ? null : address.getAddress();
        this.signallingSource = sipSource;
        if (latched != null) {
            latchedVouched = vouchedFor(latched);
        }
    }

    /**
     * Judges one valid packet from {@code source} carrying {@code ssrc} (for RTCP the sender SSRC).
     */
    public LatchDecision onPacket(InetSocketAddress source, long ssrc, long nowNanos) {
        if (latched == null) {
            if (!vouchedFor(source)) {
                return LatchDecision.REFUSE_BEFORE_LATCH;
            }
            latch(source, true, ssrc, nowNanos);
            return LatchDecision.LATCHED;
        }
        if (latched.equals(source)) {
            latchedSsrc = ssrc;
            lastSeenNanos = nowNanos;
            return LatchDecision.ACCEPT;
        }
        if (source.equals(signalled)) {
            latch(source, true, ssrc, nowNanos);
            return LatchDecision.RELATCHED;
        }
        boolean vouched = vouchedFor(source);
        if (vouched && !latchedVouched) {
            latch(source, true, ssrc, nowNanos);
            return LatchDecision.RELATCHED;
        }
        if (nowNanos - lastSeenNanos >= relatchAfterNanos && ssrc == latchedSsrc) {
            latch(source, vouched, ssrc, nowNanos);
            return LatchDecision.RELATCHED;
        }
        return LatchDecision.REFUSE_AFTER_LATCH;
    }

    private boolean vouchedFor(InetSocketAddress source) {
        InetAddress ip = source.getAddress();
        return ip != null && (ip.equals(signalledIp) || ip.equals(signallingSource));
    }

    private void latch(InetSocketAddress source, boolean vouched, long ssrc, long nowNanos) {
        latched = source;
        latchedVouched = vouched;
        latchedSsrc = ssrc;
        lastSeenNanos = nowNanos;
    }

    /** Where to send to this peer: the latched address, else the signalled one, else null. */
    public InetSocketAddress destination() {
        return latched != null ? latched : signalled;
    }

    /** The address from signalling; null while unknown. */
    public InetSocketAddress signalled() {
        return signalled;
    }

    public InetSocketAddress latched() {
        return latched;
    }

    public boolean isLatched() {
        return latched != null;
    }
}
