package net.voicegslb.gslb.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.agent.codec.ErrorEstimate;
import net.voicegslb.gslb.agent.codec.NtpTimestamp;
import net.voicegslb.gslb.agent.codec.StampCodec;
import net.voicegslb.gslb.agent.codec.StampSenderPacket;
import net.voicegslb.gslb.common.transport.EventLoops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forged-source abuse of the STAMP reflector over real UDP on 127.0.0.0/8. Two reflectors on
 * 127.0.0.2 (site A) and 127.0.0.3 (site B): one test packet sent to B from A's reflector port
 * (as an attacker forging A's address would) must not start a ping-pong between them. And one
 * flooding source is held to its per-source rate while another source is still answered.
 */
class StampReflectorAbuseIT {

    static final InetAddress SITE_A = ip(2);
    static final InetAddress SITE_B = ip(3);

    static InetAddress ip(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static ByteBuffer senderPacket(long seq) {
        var buf = Unpooled.buffer(44);
        StampCodec.writeSender(new StampSenderPacket(seq, NtpTimestamp.fromEpochNanos(System.currentTimeMillis()
                * 1_000_000L), ErrorEstimate.AGENT_DEFAULT), buf);
        return ByteBuffer.wrap(buf.array(), 0, 44);
    }

    static double count(SimpleMeterRegistry m, String name, String tag, String value) {
        var c = m.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }

    /**
     * Same port on both sites (the usual deployment, both on 862): the port rule stops B at once.
     * Different ports: B answers the forged test packet once; A sees a reflector's reply and drops it.
     */
    @ParameterizedTest(name = "both reflectors on the same port: {0}")
    @ValueSource(booleans = {true, false})
    void aPacketForgedFromOneReflectorToAnotherDoesNotStartALoop(boolean samePort) throws Exception {
        SimpleMeterRegistry metersA = new SimpleMeterRegistry();
        SimpleMeterRegistry metersB = new SimpleMeterRegistry();
        AgentClock clock = AgentClock.system();
        try (EventLoops loopsA = EventLoops.create("agent-io", 1, true); EventLoops loopsB = EventLoops.create("agent-io", 1, true);
             StampReflector b = new StampReflector(loopsB, new InetSocketAddress(SITE_B, 0), ReflectorLimits.DEFAULTS,
                     clock, metersB)) {
            // Hold B's only thread, so that B reads the forged packet only once A is listening.
            // The hold must have started before the forged packet arrives: a loop woken by the task
            // may first read the socket, and B's answer would then go to a port nobody holds yet.
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            loopsB.group().next().execute(() -> {
                holding.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(holding.await(10, TimeUnit.SECONDS)).as("B's loop is held").isTrue();
            InetSocketAddress aAddress;
            try (DatagramChannel forger = DatagramChannel.open()) {
                forger.bind(new InetSocketAddress(SITE_A, samePort ? b.localAddress().getPort() : 0));
                aAddress = (InetSocketAddress) forger.getLocalAddress();
                forger.send(senderPacket(1), b.localAddress());
            }
            try (StampReflector a = new StampReflector(loopsA, aAddress, ReflectorLimits.DEFAULTS, clock, metersA)) {
                release.countDown();
                if (samePort) {
                    await().atMost(Duration.ofSeconds(10)).until(() ->
                            count(metersB, "gslb.agent.stamp.reflector.dropped", "reason", "reflector_port") == 1);
                } else {
                    await().atMost(Duration.ofSeconds(10)).until(() ->
                            count(metersA, "gslb.agent.stamp.reflector.dropped", "reason", "reflected") == 1);
                }
                // The exchange has stopped: nothing more on either side for a whole second.
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                        reflected(metersA) + reflected(metersB) == (samePort ? 0 : 1));
                assertThat(reflected(metersA)).isZero();
            }
        }
    }

    static double reflected(SimpleMeterRegistry m) {
        return count(m, "gslb.agent.stamp.reflector.packets", "result", "reflected");
    }

    @Test
    void aFloodingSourceIsHeldToItsRateWhileAnotherSourceIsStillAnswered() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ReflectorLimits limits = new ReflectorLimits(50, 10_000, 16); // burst 5
        try (EventLoops loops = EventLoops.create("agent-io", 1, true);
             StampReflector r = new StampReflector(loops, new InetSocketAddress(ip(4), 0), limits,
                     AgentClock.system(), meters);
             DatagramChannel flooder = DatagramChannel.open().bind(new InetSocketAddress(ip(5), 0));
             DatagramChannel other = DatagramChannel.open().bind(new InetSocketAddress(ip(6), 0))) {
            // 500 packets from the flooder, 10 every 5 ms (2,000/s), and one from the other source
            // every 25 ms (40/s, inside its own rate): bounded by count, paced by deadlines.
            long start = System.nanoTime();
            int otherSent = 0;
            for (int burst = 0; burst < 50; burst++) {
                long due = start + burst * 5_000_000L;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                for (int i = 0; i < 10; i++) {
                    flooder.send(senderPacket(burst * 10L + i), r.localAddress());
                }
                if (burst % 5 == 0) {
                    other.send(senderPacket(otherSent++), r.localAddress());
                }
            }
            int otherAnswered = answers(other, otherSent, Duration.ofSeconds(5));
            double elapsedSeconds = (System.nanoTime() - start) / 1e9;
            int floodAnswered = answers(flooder, 500, Duration.ofMillis(500));

            assertThat(otherSent).isEqualTo(10);
            assertThat(otherAnswered).as("the other source is still answered").isGreaterThanOrEqualTo(9);
            // burst 5 + 50/s over the whole exchange (the flood itself lasts about 0.25 s)
            assertThat(floodAnswered).as("flood answers within %.2f s", elapsedSeconds)
                    .isBetween(5, (int) (5 + 50 * elapsedSeconds) + 1);
            // Every flood packet that reached the reflector and got no answer is counted (the
            // kernel may have dropped a few more under load, so no exact figure).
            assertThat(count(meters, "gslb.agent.stamp.reflector.dropped", "reason", "source_rate"))
                    .isPositive().isLessThanOrEqualTo(500 - floodAnswered);
        }
    }

    /** Answers waiting on {@code ch}, read until {@code max} arrived or nothing came for {@code quiet}. */
    static int answers(DatagramChannel ch, int max, Duration quiet) throws IOException {
        var socket = ch.socket();
        socket.setSoTimeout((int) quiet.toMillis());
        byte[] buf = new byte[2048];
        int n = 0;
        try {
            while (n < max) {
                socket.receive(new java.net.DatagramPacket(buf, buf.length));
                n++;
            }
        } catch (SocketTimeoutException e) {
            // quiet for long enough: that was all
        }
        return n;
    }
}
