package net.voicegslb.gslb.rtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RemoteLatchTest {

    private static final long MS = 1_000_000L;
    private static final InetSocketAddress SIGNALLED = new InetSocketAddress("192.168.1.10", 4000);
    private static final InetSocketAddress NAT = new InetSocketAddress("203.0.113.7", 61000);
    private static final InetSocketAddress NAT_REBOUND = new InetSocketAddress("203.0.113.7", 62000);
    private static final InetSocketAddress ATTACKER = new InetSocketAddress("198.51.100.66", 5000);

    private final RemoteLatch latch = new RemoteLatch(Duration.ofSeconds(2));

    @Test
    void sendsToSignalledAddressUntilMediaArrives() {
        assertThat(latch.destination()).isNull();
        latch.signal(SIGNALLED);
        assertThat(latch.destination()).isEqualTo(SIGNALLED);
        assertThat(latch.onPacket(NAT, 1, 0)).isEqualTo(LatchDecision.LATCHED);
        assertThat(latch.destination()).isEqualTo(NAT);
        assertThat(latch.onPacket(NAT, 1, 20 * MS)).isEqualTo(LatchDecision.ACCEPT);
    }

    @Test
    void rejectsThirdPartyWhileThePeerIsAlive() {
        latch.signal(SIGNALLED);
        latch.onPacket(NAT, 1, 0);
        assertThat(latch.onPacket(ATTACKER, 1, 20 * MS)).isEqualTo(LatchDecision.REJECT);
        assertThat(latch.onPacket(ATTACKER, 1, 40 * MS)).isEqualTo(LatchDecision.REJECT);
        assertThat(latch.destination()).isEqualTo(NAT);
    }

    @Test
    void thirdPartyCannotTakeOverASilentPeerWithoutItsSsrc() {
        latch.onPacket(NAT, 1, 0);
        assertThat(latch.onPacket(ATTACKER, 2, 5000 * MS)).isEqualTo(LatchDecision.REJECT);
        assertThat(latch.destination()).isEqualTo(NAT);
    }

    @Test
    void silentPeerMayMoveWithSameSsrc() {
        latch.onPacket(NAT, 1, 0);
        assertThat(latch.onPacket(NAT_REBOUND, 1, 1000 * MS)).isEqualTo(LatchDecision.REJECT);
        assertThat(latch.onPacket(NAT_REBOUND, 1, 2000 * MS)).isEqualTo(LatchDecision.RELATCHED);
        assertThat(latch.destination()).isEqualTo(NAT_REBOUND);
    }

    @Test
    void signalledAddressTakesOverAWrongLatch() {
        latch.signal(SIGNALLED);
        latch.onPacket(ATTACKER, 9, 0);
        assertThat(latch.onPacket(SIGNALLED, 1, 10 * MS)).isEqualTo(LatchDecision.RELATCHED);
        assertThat(latch.destination()).isEqualTo(SIGNALLED);
        assertThat(latch.onPacket(ATTACKER, 9, 20 * MS)).isEqualTo(LatchDecision.REJECT);
    }
}
