package net.voicegslb.gslb.deploy.it;

import net.voicegslb.gslb.policy.testing.TestPorts;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.Dig;
import net.voicegslb.gslb.deploy.it.support.Fixtures;
import net.voicegslb.gslb.deploy.it.support.GslbProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Start and stop as a service manager sees them: SIGTERM ends the server cleanly and frees its ports. */
class LifecycleIT {

    private Path dir;

    @BeforeEach
    void copyFixtures() {
        dir = Fixtures.copy();
    }

    @AfterEach
    void cleanUp() {
        Fixtures.deleteTree(dir);
    }

    @Test
    void sigtermStopsTheServerAndReleasesItsPorts() throws IOException {
        GslbProcess server = GslbProcess.start(dir.resolve("gslb-it.yaml"), false);
        int port = server.dnsPort();
        DnsReply r = new Dig(port).query("sip.voip.example.test", "A");
        assertThat(r.answerRdata()).as(r.text()).containsExactly("192.0.2.1");

        server.stop();

        assertThat(server.isAlive()).isFalse();
        assertThat(server.stderr()).contains("stopping");
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try (DatagramSocket udp = new DatagramSocket(address); ServerSocket tcp = new ServerSocket()) {
            tcp.setReuseAddress(true);
            tcp.bind(address);
            assertThat(udp.getLocalPort()).as("UDP port free again").isEqualTo(port);
        }
    }

    @Test
    void sigtermExitCodeIsZero() {
        // The documented exit codes say 0 for a normal end; systemd counts any other code as a failure
        // unless the unit lists it in SuccessExitStatus.
        GslbProcess server = GslbProcess.start(dir.resolve("gslb-it.yaml"), false);

        int exit = server.stop();

        assertThat(exit).as("exit code after SIGTERM; log:\n%s", server.stderr()).isZero();
    }

    @Test
    void everyListenAddressAnswersOverUdpAndTcp() {
        int second = TestPorts.udpAndTcp();
        try (GslbProcess server = GslbProcess.start(dir.resolve("gslb-it.yaml"), false,
                "--listen", "127.0.0.1:" + second)) {
            assertThat(server.stderr()).contains("127.0.0.1:" + server.dnsPort()).contains("127.0.0.1:" + second);
            for (int port : new int[] {server.dnsPort(), second}) {
                DnsReply udp = new Dig(port).query("sip.voip.example.test", "A");
                DnsReply tcp = new Dig(port).query("+tcp", "sip.voip.example.test", "A");
                assertThat(udp.answerRdata()).as(udp.text()).containsExactly("192.0.2.1");
                assertThat(tcp.answerRdata()).as(tcp.text()).containsExactly("192.0.2.1");
            }
        }
    }
}
