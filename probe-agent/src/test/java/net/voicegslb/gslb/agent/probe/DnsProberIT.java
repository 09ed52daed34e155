package net.voicegslb.gslb.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.agent.lab.Impairment;
import net.voicegslb.gslb.agent.lab.ImpairmentRelay;
import net.voicegslb.gslb.common.transport.EventLoops;
import org.junit.jupiter.api.Test;

/** DNS probes to a resolver that answers REFUSED (still an answer), through the relay's 15 ms each way. */
class DnsProberIT {

    @Test
    void timesTheAnswerWhateverItsRcodeAndTimesOutOnSilence() throws Exception {
        try (DatagramSocket resolver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             EventLoops loops = EventLoops.create("agent-io", 1, true)) {
            resolver.setSoTimeout(5000);
            Thread answering = new Thread(() -> {
                byte[] buf = new byte[512];
                try {
                    for (int i = 0; i < 4; i++) { // bounded: the test sends four queries that arrive
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        resolver.receive(p);
                        byte[] resp = java.util.Arrays.copyOf(p.getData(), p.getLength());
                        resp[2] |= (byte) 0x80; // QR
                        resp[3] = (byte) ((resp[3] & 0xF0) | 5); // REFUSED
                        resolver.send(new DatagramPacket(resp, resp.length, p.getSocketAddress()));
                    }
                } catch (java.io.IOException e) {
                    // socket closed at the end of the test
                }
            });
            answering.setDaemon(true);
            answering.start();
            try (ImpairmentRelay relay = new ImpairmentRelay((InetSocketAddress) resolver.getLocalSocketAddress(),
                    new Impairment(15, 0, 0), new Impairment(15, 0, 0), 1, 100);
                 DnsProber prober = new DnsProber(loops, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                         AgentClock.system(), "voip.example.com", 6, 500)) {
                for (int i = 0; i < 4; i++) {
                    DnsProber.Result r = prober.probe(relay.address()).get(5, TimeUnit.SECONDS);
                    assertThat(r.answered()).isTrue();
                    assertThat(r.rcode()).isEqualTo(5);
                    if (i > 0) { // the first one pays for class loading and thread start
                        assertThat(r.rttMillis()).isBetween(30.0, 200.0); // never below the configured 30 ms
                    }
                }
                answering.join(5000);
                DnsProber.Result silent = prober.probe((InetSocketAddress) resolver.getLocalSocketAddress())
                        .get(5, TimeUnit.SECONDS);
                assertThat(silent.answered()).isFalse();
            }
        }
    }

    /** Sequential IDs let anyone who saw one query forge the answer to the next; ours are random. */
    @Test
    void queryIdsAreUnpredictable() throws Exception {
        try (DatagramSocket resolver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             EventLoops loops = EventLoops.create("agent-io", 1, true);
             DnsProber prober = new DnsProber(loops, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     AgentClock.system(), "voip.example.com", 6, 200)) {
            resolver.setSoTimeout(5000);
            int[] ids = new int[20];
            byte[] buf = new byte[512];
            for (int i = 0; i < ids.length; i++) { // bounded: 20 queries, each received within 5 s
                prober.probe((InetSocketAddress) resolver.getLocalSocketAddress());
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                resolver.receive(p);
                ids[i] = ((buf[0] & 0xFF) << 8) | (buf[1] & 0xFF);
            }
            int consecutive = 0;
            for (int i = 1; i < ids.length; i++) {
                if (ids[i] == ((ids[i - 1] + 1) & 0xFFFF)) {
                    consecutive++;
                }
            }
            // Random IDs follow each other by chance 1 time in 65,536; a counter does it every time.
            assertThat(consecutive).as("IDs %s", java.util.Arrays.toString(ids)).isLessThanOrEqualTo(1);
        }
    }
}
