package net.voicegslb.gslb.rtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import net.voicegslb.gslb.rtp.codec.Packets;
import net.voicegslb.gslb.rtp.stats.LegSide;
import net.voicegslb.gslb.rtp.stats.StreamStats;
import org.junit.jupiter.api.Test;

/** The relay's per-packet decisions, without sockets. */
class MediaSessionTest {

    private static final long MS = 1_000_000L;
    private static final InetSocketAddress CALLER = new InetSocketAddress("10.0.0.1", 4000);
    private static final InetSocketAddress CALLER_RTCP = new InetSocketAddress("10.0.0.1", 4001);
    private static final InetSocketAddress CALLER_NAT = new InetSocketAddress("203.0.113.1", 50000);
    private static final InetSocketAddress CALLEE = new InetSocketAddress("10.0.0.2", 6000);
    private static final InetSocketAddress CALLEE_RTCP = new InetSocketAddress("10.0.0.2", 6001);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("198.51.100.9", 7000);

    private final RelayCounters counters = new RelayCounters();
    private final MediaSession session = new MediaSession("call-1", 30000, 30002, Duration.ofSeconds(2), counters, 0);

    private InetSocketAddress rtp(LegSide from, InetSocketAddress src, int seq, long nowNanos) {
        return session.onRtp(from, src, Unpooled.wrappedBuffer(Packets.rtp(0, seq, 160L * seq, 0xAAL, 160, (byte) 0)),
                nowNanos);
    }

    @Test
    void dropsUntilTheOtherSideIsKnownThenFollowsTheLatch() {
        // The caller's INVITE came from its NAT's public address.
        session.signal(LegSide.CALLER, CALLER, null, false, 8000, CALLER_NAT.getAddress());
        assertThat(rtp(LegSide.CALLER, CALLER_NAT, 1, 0)).isNull();
        assertThat(counters.droppedNoDestination.sum()).isEqualTo(1);

        session.signal(LegSide.CALLEE, CALLEE, CALLEE_RTCP, false, 8000);
        assertThat(rtp(LegSide.CALLER, CALLER_NAT, 2, 20 * MS)).isEqualTo(CALLEE);
        // The caller is behind NAT: the callee's media goes to where the caller's packets came from.
        assertThat(rtp(LegSide.CALLEE, CALLEE, 1, 25 * MS)).isEqualTo(CALLER_NAT);
        assertThat(counters.latched.sum()).isEqualTo(2);
    }

    @Test
    void strangerIsDroppedAndCounted() {
        session.signal(LegSide.CALLER, CALLER, null, false, 8000);
        session.signal(LegSide.CALLEE, CALLEE, CALLEE_RTCP, false, 8000);
        rtp(LegSide.CALLER, CALLER, 1, 0);
        assertThat(rtp(LegSide.CALLER, STRANGER, 2, 10 * MS)).isNull();
        assertThat(counters.droppedStrangerAfterLatch.sum()).isEqualTo(1);
        assertThat(rtp(LegSide.CALLEE, CALLEE, 1, 20 * MS)).isEqualTo(CALLER);
    }

    @Test
    void strangerBeforeTheFirstLatchIsRefusedAndTheOtherSideHearsNothingFromIt() {
        session.signal(LegSide.CALLER, CALLER, null, false, 8000, CALLER_NAT.getAddress());
        session.signal(LegSide.CALLEE, CALLEE, CALLEE_RTCP, false, 8000);
        assertThat(rtp(LegSide.CALLER, STRANGER, 1, 0)).isNull();
        assertThat(counters.droppedStrangerBeforeLatch.sum()).isEqualTo(1);
        assertThat(session.leg(LegSide.CALLER).latched()).isFalse();
        // The callee's media still goes to the signalled address, never to the stranger.
        assertThat(rtp(LegSide.CALLEE, CALLEE, 1, 5 * MS)).isEqualTo(CALLER);
        assertThat(rtp(LegSide.CALLER, CALLER_NAT, 2, 10 * MS)).isEqualTo(CALLEE);
        assertThat(rtp(LegSide.CALLEE, CALLEE, 2, 15 * MS)).isEqualTo(CALLER_NAT);
    }

    @Test
    void summarySaysWhichSideWentQuietAndWhy() {
        session.signal(LegSide.CALLER, CALLER, null, false, 8000);
        rtp(LegSide.CALLER, CALLER, 1, 0); // before the answer: nowhere to go
        session.signal(LegSide.CALLEE, CALLEE, CALLEE_RTCP, false, 8000);
        for (int i = 2; i <= 5; i++) {
            rtp(LegSide.CALLER, CALLER, i, i * 20 * MS);
            rtp(LegSide.CALLEE, STRANGER, i, i * 20 * MS); // the callee's media comes from an unvouched address
        }
        MediaSummary media = session.summary();
        assertThat(media.oneWay()).isTrue();
        assertThat(media.caller()).isEqualTo(new MediaSummary.Leg(CALLER, CALLER, 5, 0, 1));
        assertThat(media.callee()).isEqualTo(new MediaSummary.Leg(CALLEE, null, 0, 4, 0));
        assertThat(media.toString()).contains("call-1 ONE-WAY media", "caller signalled 10.0.0.1:4000, latched "
                + "10.0.0.1:4000, 5 pkts in (4 forwarded, 1 with nowhere to go), 0 refused", "callee signalled "
                + "10.0.0.2:6000, latched -, 0 pkts in (0 forwarded, 0 with nowhere to go), 4 refused");

        rtp(LegSide.CALLEE, CALLEE, 6, 200 * MS);
        assertThat(session.summary().oneWay()).isFalse();
    }

    @Test
    void aCallThatNeverCarriedMediaIsNotOneWay() {
        session.signal(LegSide.CALLER, CALLER, null, false, 8000);
        assertThat(session.summary().oneWay()).isFalse();
    }

    @Test
    void malformedPacketsAreDropped() {
        session.signal(LegSide.CALLEE, CALLEE, CALLEE_RTCP, false, 8000);
        assertThat(session.onRtp(LegSide.CALLER, CALLER, Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 0, 0}), 0))
                .isNull();
        assertThat(counters.droppedMalformed.sum()).isEqualTo(1);
        assertThat(session.leg(LegSide.CALLER).latched()).isFalse();
    }

    @Test
    void rttFromSenderReportEchoedByTheOtherPeer() {
        session.signal(LegSide.CALLER, CALLER, CALLER_RTCP, false, 8000);
        session.signal(LegSide.CALLEE, CALLEE, CALLEE_RTCP, false, 8000);
        long ntp = 0xe6b32c4a80000000L;
        // Caller's SR passes through towards the callee at t = 1 s ...
        byte[] sr = Packets.senderReport(0xAA, ntp, 8000, 50, 8000);
        assertThat(session.onRtcp(LegSide.CALLER, false, CALLER, Unpooled.wrappedBuffer(sr), 1000 * MS))
                .isEqualTo(CALLEE_RTCP);
        // ... the callee echoes it 250 ms later after holding it for 50 ms (3277/65536 s).
        byte[] rr = Packets.receiverReport(0xBB, new Packets.Block(0xAA, 0, 0, 50, 3, 0x2c4a8000L, 3277));
        assertThat(session.onRtcp(LegSide.CALLEE, false, CALLEE_RTCP, Unpooled.wrappedBuffer(rr), 1250 * MS))
                .isEqualTo(CALLER);
        rtp(LegSide.CALLEE, CALLEE, 1, 1260 * MS);
        StreamStats callee = session.snapshot(LegSide.CALLEE, false, Instant.EPOCH);
        assertThat(callee.rttMillis()).isCloseTo(200.0, org.assertj.core.api.Assertions.within(0.01));
        assertThat(callee.remote()).isEqualTo(CALLEE);
        assertThat(session.snapshot(LegSide.CALLER, false, Instant.EPOCH).rttMillis()).isNaN();
    }

    @Test
    void rtcpMuxSendsRtcpToTheRtpAddress() {
        session.signal(LegSide.CALLER, CALLER, CALLER_RTCP, false, 8000);
        session.signal(LegSide.CALLEE, CALLEE, CALLEE_RTCP, true, 8000);
        byte[] rr = Packets.receiverReport(0xAA);
        assertThat(session.onRtcp(LegSide.CALLER, false, CALLER, Unpooled.wrappedBuffer(rr), 0)).isEqualTo(CALLEE);
    }

    @Test
    void expiresWhenEitherPeerIsSilentForTheTimeout() {
        Duration timeout = Duration.ofSeconds(10);
        session.signal(LegSide.CALLEE, CALLEE, CALLEE_RTCP, false, 8000);
        session.signal(LegSide.CALLER, CALLER, null, false, 8000);
        for (long t = 0; t <= 9_000; t += 1000) {
            rtp(LegSide.CALLER, CALLER, (int) (t / 1000), t * MS);
            rtp(LegSide.CALLEE, CALLEE, (int) (t / 1000), t * MS);
        }
        assertThat(session.expired(18_000 * MS, timeout)).isFalse();
        assertThat(session.state(LegSide.CALLER, 9_500 * MS)).isEqualTo(StreamState.ACTIVE);
        assertThat(session.state(LegSide.CALLER, 15_000 * MS)).isEqualTo(StreamState.IDLE);
        assertThat(session.expired(19_001 * MS, timeout)).isTrue();
    }

    @Test
    void snapshotCarriesLossAndClosesTheInterval() {
        session.signal(LegSide.CALLEE, CALLEE, CALLEE_RTCP, false, 8000);
        session.signal(LegSide.CALLER, CALLER, null, false, 8000);
        for (int seq : new int[] {1, 2, 3, 5, 6}) {
            rtp(LegSide.CALLER, CALLER, seq, seq * 20 * MS);
        }
        StreamStats s = session.snapshot(LegSide.CALLER, false, Instant.EPOCH);
        assertThat(s.expected()).isEqualTo(5);
        assertThat(s.received()).isEqualTo(4);
        assertThat(s.lost()).isEqualTo(1);
        assertThat(s.interval().lost()).isEqualTo(1);
        assertThat(s.ssrc()).isEqualTo(0xAA);
        assertThat(session.snapshot(LegSide.CALLER, true, Instant.EPOCH).interval().expected()).isZero();
    }
}
