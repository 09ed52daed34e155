package net.voicegslb.gslb.rtp.session;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import net.voicegslb.gslb.rtp.codec.RtcpCompound;
import net.voicegslb.gslb.rtp.codec.RtcpVisitor;
import net.voicegslb.gslb.rtp.codec.RtpHeader;
import net.voicegslb.gslb.rtp.stats.LegSide;
import net.voicegslb.gslb.rtp.stats.ReceptionStats;
import net.voicegslb.gslb.rtp.stats.StreamStats;

/**
 * One relayed call: two legs, and what to do with a packet that arrived on one of them. Decides
 * (latching, statistics, RTT) and says where the packet goes; never touches a socket. Every method
 * runs on the call's event loop.
 */
public final class MediaSession {

    private static final long IDLE_AFTER_NANOS = Duration.ofSeconds(2).toNanos();

    private final String callId;
    private final MediaLeg caller;
    private final MediaLeg callee;
    private final RelayCounters counters;
    private final RtcpTap rtcpTap = new RtcpTap();

    public MediaSession(String callId, int callerRtpPort, int calleeRtpPort, Duration relatchAfter,
            RelayCounters counters, long nowNanos) {
        this.callId = callId;
        this.counters = counters;
        this.caller = new MediaLeg(LegSide.CALLER, callerRtpPort, relatchAfter, 8000, nowNanos);
        this.callee = new MediaLeg(LegSide.CALLEE, calleeRtpPort, relatchAfter, 8000, nowNanos);
    }

    public String callId() {
        return callId;
    }

    public MediaLeg leg(LegSide side) {
        return side == LegSide.CALLER ? caller : callee;
    }

    /**
     * Applies what SDP says about the peer on {@code side}, with no SIP source known: only a
     * source with the SDP's IP may latch first.
     */
    public void signal(LegSide side, InetSocketAddress rtp, InetSocketAddress rtcp, boolean mux, int clockRate) {
        signal(side, rtp, rtcp, mux, clockRate, null);
    }

    /**
     * Applies what signalling says about the peer on {@code side}.
     *
     * @param sipSource IP the SIP message carrying this SDP came from (a NATed phone's public IP);
     *     null if unknown
     */
    public void signal(LegSide side, InetSocketAddress rtp, InetSocketAddress rtcp, boolean mux, int clockRate,
            InetAddress sipSource) {
        leg(side).signal(rtp, rtcp, mux, clockRate, sipSource);
    }

    /**
     * An RTP packet arrived from the peer on {@code from}.
     *
     * @return where to send it on the other leg, or null to drop it
     */
    public InetSocketAddress onRtp(LegSide from, InetSocketAddress source, ByteBuf packet, long nowNanos) {
        if (!RtpHeader.isValid(packet)) {
            counters.droppedMalformed.increment();
            return null;
        }
        MediaLeg in = leg(from);
        long ssrc = RtpHeader.ssrc(packet);
        if (!admit(in, in.rtpLatch(), source, ssrc, nowNanos)) {
            return null;
        }
        in.stats().onPacket(ssrc, RtpHeader.sequence(packet), RtpHeader.timestamp(packet),
                RtpHeader.payloadLength(packet), nowNanos / 1000);
        in.onMedia(packet.readableBytes(), nowNanos);
        return destination(in, leg(from.other()).rtpDestination());
    }

    /**
     * An RTCP packet arrived from the peer on {@code from}, on its RTP port under rtcp-mux.
     *
     * @return where to send it on the other leg (its RTCP address, or its RTP one under mux), or null
     */
    public InetSocketAddress onRtcp(LegSide from, boolean onRtpPort, InetSocketAddress source, ByteBuf packet,
            long nowNanos) {
        if (!RtcpCompound.isValid(packet)) {
            counters.droppedMalformed.increment();
            return null;
        }
        MediaLeg in = leg(from);
        MediaLeg out = leg(from.other());
        long ssrc = packet.getUnsignedInt(packet.readerIndex() + 4);
        if (!admit(in, onRtpPort ? in.rtpLatch() : in.rtcpLatch(), source, ssrc, nowNanos)) {
            return null;
        }
        in.onMedia(packet.readableBytes(), nowNanos);
        InetSocketAddress destination = out.rtcpDestination();
        rtcpTap.in = in;
        rtcpTap.out = destination != null ? out : null;
        rtcpTap.nowNanos = nowNanos;
        RtcpCompound.visit(packet, rtcpTap);
        return destination(in, destination);
    }

    private boolean admit(MediaLeg in, RemoteLatch latch, InetSocketAddress source, long ssrc, long nowNanos) {
        switch (latch.onPacket(source, ssrc, nowNanos)) {
            case REFUSE_BEFORE_LATCH -> {
                counters.droppedStrangerBeforeLatch.increment();
                in.onRefused();
                return false;
            }
            case REFUSE_AFTER_LATCH -> {
                counters.droppedStrangerAfterLatch.increment();
                in.onRefused();
                return false;
            }
            case LATCHED -> counters.latched.increment();
            case RELATCHED -> counters.relatched.increment();
            case ACCEPT -> { }
        }
        return true;
    }

    private InetSocketAddress destination(MediaLeg in, InetSocketAddress address) {
        if (address == null) {
            counters.droppedNoDestination.increment();
            in.onUndeliverable();
        }
        return address;
    }

    /** What happened to the call's media, for the end-of-call log line. */
    public MediaSummary summary() {
        return new MediaSummary(callId, MediaSummary.Leg.of(caller), MediaSummary.Leg.of(callee));
    }

    /** True if either peer has sent nothing for {@code timeout} (since set-up if it never sent). */
    public boolean expired(long nowNanos, Duration timeout) {
        long limit = timeout.toNanos();
        return nowNanos - caller.lastMediaNanos() > limit || nowNanos - callee.lastMediaNanos() > limit;
    }

    public StreamState state(LegSide side, long nowNanos) {
        MediaLeg leg = leg(side);
        if (!leg.latched()) {
            return StreamState.WAITING;
        }
        return nowNanos - leg.lastMediaNanos() < IDLE_AFTER_NANOS ? StreamState.ACTIVE : StreamState.IDLE;
    }

    /** Snapshot of what the relay received from the peer on {@code side}; closes a loss interval. */
    public StreamStats snapshot(LegSide side, boolean finalSnapshot, Instant at) {
        MediaLeg leg = leg(side);
        ReceptionStats s = leg.stats();
        long rtt = leg.roundTrip().lastRttNanos();
        return new StreamStats(callId, side, leg.rtpLatch().latched(), s.ssrc(), s.clockRate(), s.expected(),
                s.received(), s.duplicates(), s.cumulativeLost(), s.closeInterval(), s.jitterMillis(),
                rtt < 0 ? Double.NaN : rtt / 1e6, s.octets(), finalSnapshot, at);
    }

    /** Feeds RTT bookkeeping from a forwarded RTCP packet; one instance reused per session. */
    private static final class RtcpTap implements RtcpVisitor {
        MediaLeg in;
        MediaLeg out;
        long nowNanos;

        @Override
        public void onSenderReport(long senderSsrc, long ntp, long rtpTimestamp, long packets, long octets) {
            // This SR is about to leave towards the other peer: remember when, to match its LSR echo.
            if (out != null) {
                out.roundTrip().onSenderReportSent(RtcpCompound.middle32(ntp), nowNanos);
            }
        }

        @Override
        public void onReportBlock(long reporterSsrc, long sourceSsrc, int fractionLost, int cumulativeLost,
                long extendedHighestSequence, long jitter, long lastSr, long delaySinceLastSr) {
            in.roundTrip().onReportBlock(lastSr, delaySinceLastSr, nowNanos);
        }
    }
}
