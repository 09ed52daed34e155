package net.voicegslb.gslb.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import net.voicegslb.gslb.agent.lab.CoturnStun;
import net.voicegslb.gslb.common.lab.Impairment;
import net.voicegslb.gslb.common.lab.ImpairmentRelay;
import net.voicegslb.gslb.policy.testing.TestPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery against a real STUN server, coturn, on 127.0.0.1, reached through the relay so that the
 * test knows the address the server sees (the relay's upstream socket) and can lose one request.
 * The silent server stays a bound socket that never answers: no real server is made to be silent.
 */
class StunDiscoveryIT {

    @TempDir
    Path dir;

    @Test
    void learnsTheReflexiveAddressAfterARetransmit() throws Exception {
        try (CoturnStun coturn = CoturnStun.start(dir);
             ImpairmentRelay path = new ImpairmentRelay(coturn.address(), Impairment.none(), Impairment.none(), 1,
                     100)) {
            path.dropNextForward(1);
            // Generous RTOs: on a loaded machine coturn may still be starting its threads.
            InetSocketAddress mapped = new StunDiscovery().discover(path.address(), 4, 300);
            assertThat(path.dropped()).as("the first request was lost").isEqualTo(1);
            assertThat(path.forwarded()).as("retransmitted, answered").isPositive();
            assertThat(path.upstreamSources()).as("coturn reports the address it sees").containsExactly(mapped);
            assertThat(mapped.getAddress().isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void aSilentServerYieldsNullWithinTheBoundedRetries() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(loopback, TestPorts.udp(loopback)))) {
            long start = System.nanoTime();
            assertThat(new StunDiscovery().discover((InetSocketAddress) silent.getLocalSocketAddress(), 2, 100)).isNull();
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(250L, 2_000L); // 100 + 200 ms
        }
    }
}
