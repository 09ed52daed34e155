package net.voicegslb.gslb.rtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RemoteLatchTest {

    private static final long MS = 1_000_000L;
    private static final InetSocketAddress SIGNALLED = new InetSocketAddress("192.168.1.10", 4000);
    private static final InetSocketAddress SIGNALLED_IP_OTHER_PORT = new InetSocketAddress("192.168.1.10", 4100);
    private static final InetAddress SIP_SOURCE = address("203.0.113.7");
    private static final InetSocketAddress NAT = new InetSocketAddress("203.0.113.7", 61000);
    private static final InetSocketAddress NAT_REBOUND = new InetSocketAddress("203.0.113.7", 62000);
    private static final InetSocketAddress ATTACKER = new InetSocketAddress("198.51.100.66", 5000);

    private final RemoteLatch latch = new RemoteLatch(Duration.ofSeconds(2));

    private static InetAddress address(String ip) {
        return new InetSocketAddress(ip, 0).getAddress();
    }

    @Test
    void sendsToSignalledAddressUntilMediaFromTheSipSourceArrives() {
        assertThat(latch.destination()).isNull();
        latch.signal(SIGNALLED, SIP_SOURCE);
        assertThat(latch.destination()).isEqualTo(SIGNALLED);
        assertThat(latch.onPacket(NAT, 1, 0)).isEqualTo(LatchDecision.LATCHED);
        assertThat(latch.destination()).isEqualTo(NAT);
        assertThat(latch.onPacket(NAT, 1, 20 * MS)).isEqualTo(LatchDecision.ACCEPT);
    }

    @Test
    void strangerCannotLatchFirst() {
        latch.signal(SIGNALLED, SIP_SOURCE);
        assertThat(latch.onPacket(ATTACKER, 1, 0)).isEqualTo(LatchDecision.REFUSE_BEFORE_LATCH);
        assertThat(latch.isLatched()).isFalse();
        assertThat(latch.destination()).isEqualTo(SIGNALLED);
        assertThat(latch.onPacket(NAT, 1, 10 * MS)).isEqualTo(LatchDecision.LATCHED);
    }

    @Test
    void nothingLatchesBeforeSignalling() {
        assertThat(latch.onPacket(NAT, 1, 0)).isEqualTo(LatchDecision.REFUSE_BEFORE_LATCH);
    }

    @Test
    void withoutASipSourceOnlyTheSdpAddressMayLatchFirst() {
        latch.signal(SIGNALLED);
        assertThat(latch.onPacket(NAT, 1, 0)).isEqualTo(LatchDecision.REFUSE_BEFORE_LATCH);
        // Same IP as the SDP, another port: phones that send from a port other than they signal.
        assertThat(latch.onPacket(SIGNALLED_IP_OTHER_PORT, 1, 10 * MS)).isEqualTo(LatchDecision.LATCHED);
    }

    @Test
    void rejectsThirdPartyWhileThePeerIsAlive() {
        latch.signal(SIGNALLED, SIP_SOURCE);
        latch.onPacket(NAT, 1, 0);
        assertThat(latch.onPacket(ATTACKER, 1, 20 * MS)).isEqualTo(LatchDecision.REFUSE_AFTER_LATCH);
        assertThat(latch.onPacket(ATTACKER, 1, 40 * MS)).isEqualTo(LatchDecision.REFUSE_AFTER_LATCH);
        assertThat(latch.destination()).isEqualTo(NAT);
    }

    @Test
    void thirdPartyCannotTakeOverASilentPeerWithoutItsSsrc() {
        latch.signal(SIGNALLED, SIP_SOURCE);
        latch.onPacket(NAT, 1, 0);
        assertThat(latch.onPacket(ATTACKER, 2, 5000 * MS)).isEqualTo(LatchDecision.REFUSE_AFTER_LATCH);
        assertThat(latch.destination()).isEqualTo(NAT);
    }

    @Test
    void silentPeerMayMoveWithSameSsrc() {
        latch.signal(SIGNALLED, SIP_SOURCE);
        latch.onPacket(NAT, 1, 0);
        assertThat(latch.onPacket(NAT_REBOUND, 1, 1000 * MS)).isEqualTo(LatchDecision.REFUSE_AFTER_LATCH);
        assertThat(latch.onPacket(NAT_REBOUND, 1, 2000 * MS)).isEqualTo(LatchDecision.RELATCHED);
        assertThat(latch.destination()).isEqualTo(NAT_REBOUND);
    }

    @Test
    void signalledAddressTakesOverALatchHeldByANeighbourOnTheSameIp() {
        // A neighbour behind the same (carrier-grade) NAT shares the SIP source IP and latches first.
        InetSocketAddress phone = new InetSocketAddress("203.0.113.7", 4000);
        latch.signal(phone, SIP_SOURCE);
        assertThat(latch.onPacket(NAT, 9, 0)).isEqualTo(LatchDecision.LATCHED);
        assertThat(latch.onPacket(phone, 1, 10 * MS)).isEqualTo(LatchDecision.RELATCHED);
        assertThat(latch.destination()).isEqualTo(phone);
        assertThat(latch.onPacket(NAT, 9, 20 * MS)).isEqualTo(LatchDecision.REFUSE_AFTER_LATCH);
    }

    @Test
    void vouchedSourceTakesOverWhenSignallingMovedThePeer() {
        latch.signal(SIGNALLED, SIP_SOURCE);
        latch.onPacket(NAT, 1, 0);
        // A re-INVITE from another network: the old latch is no longer vouched for.
        InetSocketAddress moved = new InetSocketAddress("198.51.100.20", 7000);
        latch.signal(new InetSocketAddress("10.9.9.9", 4000), moved.getAddress());
        assertThat(latch.onPacket(moved, 5, 10 * MS)).isEqualTo(LatchDecision.RELATCHED);
        assertThat(latch.onPacket(NAT, 1, 20 * MS)).isEqualTo(LatchDecision.REFUSE_AFTER_LATCH);
        assertThat(latch.destination()).isEqualTo(moved);
    }

    @Test
    void vouchedSourceTakesBackALatchMovedBySsrcToAStranger() {
        latch.signal(SIGNALLED, SIP_SOURCE);
        latch.onPacket(NAT, 1, 0);
        // Someone who saw the SSRC moves the latch after 2 s of silence ...
        assertThat(latch.onPacket(ATTACKER, 1, 2500 * MS)).isEqualTo(LatchDecision.RELATCHED);
        // ... and the phone, still on its SIP source IP, takes it back at once.
        assertThat(latch.onPacket(NAT_REBOUND, 1, 2520 * MS)).isEqualTo(LatchDecision.RELATCHED);
        assertThat(latch.destination()).isEqualTo(NAT_REBOUND);
    }
}
