package net.voicegslb.gslb.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.common.lab.Impairment;
import net.voicegslb.gslb.common.lab.ImpairmentRelay;
import net.voicegslb.gslb.agent.lab.KnotDns;
import net.voicegslb.gslb.common.transport.EventLoops;
import net.voicegslb.gslb.policy.testing.TestPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS probes to a real name server, Knot DNS, authoritative for voip.test only: it answers NOERROR
 * for its zone and REFUSED for anything else, and a REFUSED is still an answer to time. Through the
 * relay's 15 ms each way. Two stand-ins remain where no real server can produce the behaviour: a
 * bound socket that never answers (the silent resolver), and a socket that only records the IDs of
 * the queries it receives (a name server does not tell which IDs it saw).
 */
class DnsProberIT {

    @TempDir
    Path dir;

    @Test
    void timesTheAnswerWhateverItsRcodeAndTimesOutOnSilence() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (KnotDns knot = KnotDns.serve(dir, "voip.test", "@ NS dns-a.voip.test.\ndns-a A 127.0.0.1\n");
             DatagramSocket silentResolver = new DatagramSocket(new InetSocketAddress(loopback, TestPorts.udp(loopback)));
             EventLoops loops = EventLoops.create("agent-io", 1, true);
             ImpairmentRelay relay = new ImpairmentRelay(knot.address(), new Impairment(15, 0, 0),
                     new Impairment(15, 0, 0), 1, 100);
             DnsProber outsideZone = new DnsProber(loops, new InetSocketAddress(loopback, 0), AgentClock.system(),
                     "voip.example.com", 6, 500);
             DnsProber inZone = new DnsProber(loops, new InetSocketAddress(loopback, 0), AgentClock.system(),
                     "voip.test", 6, 500)) {
            for (int i = 0; i < 4; i++) {
                DnsProber.Result r = outsideZone.probe(relay.address()).get(5, TimeUnit.SECONDS);
                assertThat(r.answered()).as(knot.output()).isTrue();
                assertThat(r.rcode()).as("REFUSED").isEqualTo(5);
                if (i > 0) { // the first one pays for class loading and thread start
                    assertThat(r.rttMillis()).isBetween(30.0, 200.0); // never below the configured 30 ms
                }
            }
            DnsProber.Result soa = inZone.probe(relay.address()).get(5, TimeUnit.SECONDS);
            assertThat(soa.rcode()).as("NOERROR for the zone's SOA").isZero();
            assertThat(soa.rttMillis()).isBetween(30.0, 200.0);

            DnsProber.Result silent = outsideZone.probe((InetSocketAddress) silentResolver.getLocalSocketAddress())
                    .get(5, TimeUnit.SECONDS);
            assertThat(silent.answered()).isFalse();
            assertThat(silent.rttMillis()).isNaN();
        }
    }

    /** Sequential IDs let anyone who saw one query forge the answer to the next; ours are random. */
    @Test
    void queryIdsAreUnpredictable() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket recorder = new DatagramSocket(new InetSocketAddress(loopback, TestPorts.udp(loopback)));
             EventLoops loops = EventLoops.create("agent-io", 1, true);
             DnsProber prober = new DnsProber(loops, new InetSocketAddress(loopback, 0),
                     AgentClock.system(), "voip.example.com", 6, 200)) {
            recorder.setSoTimeout(5000);
            int[] ids = new int[20];
            byte[] buf = new byte[512];
            for (int i = 0; i < ids.length; i++) { // bounded: 20 queries, each received within 5 s
                prober.probe((InetSocketAddress) recorder.getLocalSocketAddress());
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                recorder.receive(p);
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
