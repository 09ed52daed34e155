package net.voicegslb.gslb.rtp.session;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import net.voicegslb.gslb.rtp.stats.LegSide;
import net.voicegslb.gslb.rtp.stats.ReceptionStats;
import net.voicegslb.gslb.rtp.stats.RoundTripClock;

/**
 * One side of a relayed call: the peer it faces, where that peer is (signalled and latched, for RTP
 * and RTCP separately), and what the relay has received from it. Event-loop confined.
 */
public final class MediaLeg {

    private final LegSide side;
    private final int localRtpPort;
    private final RemoteLatch rtpLatch;
    private final RemoteLatch rtcpLatch;
    private final RoundTripClock roundTrip = new RoundTripClock();
    private ReceptionStats stats;
    private boolean rtcpMux;
    private long lastMediaNanos;
    private long packets;
    private long bytes;
    private long refused;
    private long undeliverable;

    MediaLeg(LegSide side, int localRtpPort, Duration relatchAfter, int clockRate, long nowNanos) {
        this.side = side;
        this.localRtpPort = localRtpPort;
        this.rtpLatch = new RemoteLatch(relatchAfter);
        this.rtcpLatch = new RemoteLatch(relatchAfter);
        this.stats = new ReceptionStats(clockRate);
        this.lastMediaNanos = nowNanos;
    }

    /**
     * What signalling (SDP, and the IP the SIP message came from) says about the peer. A changed
     * clock rate restarts the statistics, because jitter in the old units would be meaningless.
     */
    void signal(InetSocketAddress rtp, InetSocketAddress rtcp, boolean mux, int clockRate, InetAddress sipSource) {
        rtpLatch.signal(rtp, sipSource);
        rtcpLatch.signal(mux ? rtp : rtcp, sipSource);
        this.rtcpMux = mux;
        if (clockRate != stats.clockRate()) {
            stats = new ReceptionStats(clockRate);
        }
    }

    void onMedia(int length, long nowNanos) {
        packets++;
        bytes += length;
        lastMediaNanos = nowNanos;
    }

    /** A packet from this peer was refused (not the latched or a vouched-for source). */
    void onRefused() {
        refused++;
    }

    /** A packet from this peer was admitted but the other peer had no address yet. */
    void onUndeliverable() {
        undeliverable++;
    }

    public LegSide side() {
        return side;
    }

    public int localRtpPort() {
        return localRtpPort;
    }

    public int localRtcpPort() {
        return localRtpPort + 1;
    }

    RemoteLatch rtpLatch() {
        return rtpLatch;
    }

    RemoteLatch rtcpLatch() {
        return rtcpLatch;
    }

    RoundTripClock roundTrip() {
        return roundTrip;
    }

    ReceptionStats stats() {
        return stats;
    }

    /** Where RTP for this peer goes, or null while neither signalled nor latched. */
    public InetSocketAddress rtpDestination() {
        return rtpLatch.destination();
    }

    /** Where RTCP for this peer goes: its RTP address under rtcp-mux. */
    public InetSocketAddress rtcpDestination() {
        return rtcpMux ? rtpLatch.destination() : rtcpLatch.destination();
    }

    public boolean rtcpMux() {
        return rtcpMux;
    }

    public boolean latched() {
        return rtpLatch.isLatched();
    }

    public long lastMediaNanos() {
        return lastMediaNanos;
    }

    public long packets() {
        return packets;
    }

    public long bytes() {
        return bytes;
    }

    /** Packets from sources this leg refused. */
    public long refused() {
        return refused;
    }

    /** Admitted packets from this peer that were dropped because the other peer had no address yet. */
    public long undeliverable() {
        return undeliverable;
    }

    /** Admitted packets from this peer that went on to the other peer. */
    public long delivered() {
        return packets - undeliverable;
    }
}
