package net.voicegslb.gslb.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import net.voicegslb.gslb.agent.lab.FakeStunServer;
import org.junit.jupiter.api.Test;

/** Discovery against a minimal STUN server on 127.0.0.1. */
class StunDiscoveryIT {

    @Test
    void learnsTheReflexiveAddressAfterARetransmit() throws Exception {
        try (FakeStunServer server = new FakeStunServer(1)) {
            InetSocketAddress mapped = new StunDiscovery().discover(server.address(), 3, 200);
            assertThat(server.requests()).isEqualTo(2);
            assertThat(mapped).isEqualTo(server.lastClient());
            assertThat(mapped.getAddress().isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void aSilentServerYieldsNullWithinTheBoundedRetries() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            long start = System.nanoTime();
            assertThat(new StunDiscovery().discover((InetSocketAddress) silent.getLocalSocketAddress(), 2, 100)).isNull();
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(250L, 2_000L); // 100 + 200 ms
        }
    }
}
