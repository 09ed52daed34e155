package net.voicegslb.gslb.rtp.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.voicegslb.gslb.rtp.RelayConfig;
import net.voicegslb.gslb.rtp.codec.Packets;
import net.voicegslb.gslb.rtp.stats.LegSide;
import net.voicegslb.gslb.rtp.stats.StreamStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real UDP through the relay on 127.0.0.1: two phones, a stranger, timeouts, capacity. */
class RtpRelayIT {

    private static final int PORT_MIN = 24000; // below the ephemeral range: see policy.testing.TestPorts
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final List<StreamStats> published = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private RtpRelay relay;
    /**
     * The phones' ports, RTCP on RTP + 1, in this class's own range: with port 0 the RTP port was
     * the kernel's pick and its neighbour, bound later for RTCP, could be taken meanwhile by any
     * outgoing socket on the machine (it was once, on a busy CI run).
     */
    private static final int PEERS = PORT_MIN + 100;
    private final UdpPeer caller = new UdpPeer(PEERS);
    private final UdpPeer callee = new UdpPeer(PEERS + 2);
    private final UdpPeer stranger = new UdpPeer(PEERS + 4);

    private RtpRelay start(int portMax, int maxSessions, Duration timeout) {
        RelayConfig config = RelayConfig.defaults(LOOPBACK).withPorts(PORT_MIN, portMax).withMaxSessions(maxSessions)
                .withTimeouts(timeout, Duration.ofMillis(200), Duration.ofSeconds(2)).withIoThreads(2);
        relay = new RtpRelay(config, registry, published::add);
        return relay;
    }

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
        caller.close();
        callee.close();
        stranger.close();
    }

    static String sdp(int port, String... attributes) {
        StringBuilder s = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\n");
        for (String a : attributes) {
            s.append(a).append("\r\n");
        }
        return s.toString();
    }

    /** Sets up a call; returns {relay port facing the caller, relay port facing the callee}. */
    private int[] call(String callId, int callerSignalledPort, String... callerAttributes) throws Exception {
        String toCallee = relay.offer(callId, "ft", sdp(callerSignalledPort, callerAttributes));
        String toCaller = relay.answer(callId, "ft", "tt", sdp(callee.port()));
        return new int[] {Sdp.audio(toCaller).rtp().getPort(), Sdp.audio(toCallee).rtp().getPort()};
    }

    private static InetSocketAddress at(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    private static byte[] rtp(int seq, long ssrc, byte fill) {
        return Packets.rtp(0, seq, 160L * seq, ssrc, 160, fill);
    }

    @Test
    void relaysBothWaysAndLatchesToTheRealSourceOfANattedCaller() throws Exception {
        start(PORT_MIN + 99, 10, Duration.ofSeconds(30));
        // The caller signals a port it does not use, as a phone behind NAT would.
        int[] relayPorts = call("c1", 9, "a=sendrecv");
        assertThat(relayPorts[0]).isNotEqualTo(relayPorts[1]);
        assertThat(relayPorts[0] % 2).isZero();

        byte[] fromCaller = rtp(1, 0xCA11L, (byte) 1);
        caller.send(fromCaller, at(relayPorts[0]));
        assertThat(callee.receive(2000)).hasValueSatisfying(p -> assertThat(p).isEqualTo(fromCaller));

        byte[] fromCallee = rtp(1, 0xCA1EL, (byte) 2);
        callee.send(fromCallee, at(relayPorts[1]));
        // Delivered to where the caller's packets came from, not to the signalled port 9.
        assertThat(caller.receive(2000)).hasValueSatisfying(p -> assertThat(p).isEqualTo(fromCallee));
        assertThat(relay.counters().latched.sum()).isEqualTo(2);
    }

    @Test
    void strangerCannotHijackALatchedStream() throws Exception {
        start(PORT_MIN + 99, 10, Duration.ofSeconds(30));
        int[] relayPorts = call("c2", caller.port());
        caller.send(rtp(1, 0xCA11L, (byte) 1), at(relayPorts[0]));
        assertThat(callee.receive(2000)).isPresent();

        // A third party sprays the caller-facing port with a forged stream (even the same SSRC).
        for (int i = 0; i < 5; i++) {
            stranger.send(rtp(100 + i, 0xCA11L, (byte) 66), at(relayPorts[0]));
        }
        byte[] legit = rtp(2, 0xCA11L, (byte) 1);
        caller.send(legit, at(relayPorts[0]));
        assertThat(callee.receive(2000)).hasValueSatisfying(p -> assertThat(p).isEqualTo(legit));
        assertThat(callee.receive(200)).isEmpty();

        // Media for the caller still goes to the caller, and nothing reaches the stranger.
        callee.send(rtp(1, 0xCA1EL, (byte) 2), at(relayPorts[1]));
        assertThat(caller.receive(2000)).isPresent();
        assertThat(stranger.receive(200)).isEmpty();
        await().atMost(Duration.ofSeconds(2)).until(() -> relay.counters().droppedStrangerAfterLatch.sum() == 5);
    }

    @Test
    void relaysRtcpOnItsOwnPortAndMeasuresRoundTrip() throws Exception {
        start(PORT_MIN + 99, 10, Duration.ofSeconds(30));
        int[] relayPorts = call("c3", caller.port());
        try (UdpPeer callerRtcp = new UdpPeerAt(caller.port() + 1).peer();
                UdpPeer calleeRtcp = new UdpPeerAt(callee.port() + 1).peer()) {
            // RTP both ways first so that both peers are latched and the snapshot publishes.
            caller.send(rtp(1, 0xAAL, (byte) 1), at(relayPorts[0]));
            callee.send(rtp(1, 0xBBL, (byte) 2), at(relayPorts[1]));
            assertThat(callee.receive(2000)).isPresent();
            assertThat(caller.receive(2000)).isPresent();

            long ntp = 0xe6b32c4a80000000L;
            byte[] sr = Packets.senderReport(0xAAL, ntp, 160, 1, 160);
            callerRtcp.send(sr, at(relayPorts[0] + 1));
            assertThat(calleeRtcp.receive(2000)).hasValueSatisfying(p -> assertThat(p).isEqualTo(sr));
            byte[] rr = Packets.receiverReport(0xBBL, new Packets.Block(0xAAL, 0, 0, 1, 0, 0x2c4a8000L, 0));
            calleeRtcp.send(rr, at(relayPorts[1] + 1));
            assertThat(callerRtcp.receive(2000)).hasValueSatisfying(p -> assertThat(p).isEqualTo(rr));
        }
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(published).anySatisfy(s -> {
            assertThat(s.leg()).isEqualTo(LegSide.CALLEE);
            assertThat(s.rttMillis()).isBetween(0.0, 1000.0);
            assertThat(s.remote()).isEqualTo(callee.address());
        }));
    }

    @Test
    void rtcpMuxCallerGetsRtcpOnItsRtpPort() throws Exception {
        start(PORT_MIN + 99, 10, Duration.ofSeconds(30));
        int[] relayPorts = call("c4", caller.port(), "a=rtcp-mux");
        caller.send(rtp(1, 0xAAL, (byte) 1), at(relayPorts[0]));
        assertThat(callee.receive(2000)).isPresent();
        try (UdpPeer calleeRtcp = new UdpPeerAt(callee.port() + 1).peer()) {
            byte[] rr = Packets.receiverReport(0xBBL);
            calleeRtcp.send(rr, at(relayPorts[1] + 1));
            assertThat(caller.receive(2000)).hasValueSatisfying(p -> assertThat(p).isEqualTo(rr));
        }
    }

    @Test
    void silentCallTimesOutPublishesFinalStatsAndItsPortsAreReused() throws Exception {
        // Exactly two port pairs: room for one call.
        start(PORT_MIN + 3, 10, Duration.ofMillis(800));
        int[] first = call("t1", caller.port());
        for (int seq = 1; seq <= 5; seq++) {
            caller.send(rtp(seq, 0xAAL, (byte) 1), at(first[0]));
            assertThat(callee.receive(2000)).isPresent();
        }
        assertThatThrownBy(() -> relay.offer("t2", "x", sdp(4000)))
                .isInstanceOf(RelayFullException.class).hasMessageContaining("relay full");
        assertThat(relay.capacity().portsFree()).isZero();

        await().atMost(Duration.ofSeconds(5)).until(() -> !relay.hasCall("t1"));
        assertThat(published).anySatisfy(s -> {
            assertThat(s.finalSnapshot()).isTrue();
            assertThat(s.callId()).isEqualTo("t1");
            assertThat(s.received()).isEqualTo(4); // RFC 3550 probation: the first packet arms, 2..5 count
            assertThat(s.lost()).isZero();
        });
        await().atMost(Duration.ofSeconds(2)).until(() -> relay.capacity().portsInUse() == 0);
        assertThat(registry.get("gslb.rtp.sessions.ended").tag("reason", "timeout").counter().count()).isEqualTo(1);

        int[] second = call("t2", caller.port());
        assertThat(second).containsExactlyInAnyOrder(first[0], first[1]);
    }

    @Test
    void sessionLimitRefusesClearlyAndDeleteFreesTheSlot() throws Exception {
        start(PORT_MIN + 99, 1, Duration.ofSeconds(30));
        call("s1", caller.port());
        assertThat(relay.capacity().full()).isTrue();
        assertThatThrownBy(() -> relay.offer("s2", "x", sdp(4000)))
                .isInstanceOf(RelayFullException.class).hasMessageContaining("1 of 1 sessions");
        assertThat(relay.delete("s1")).isTrue();
        assertThat(relay.delete("s1")).isFalse();
        assertThat(relay.capacity().sessions()).isZero();
        assertThat(relay.capacity().portsInUse()).isZero();
        relay.offer("s2", "x", sdp(4000));
        assertThat(registry.get("gslb.rtp.sessions.rejected").tag("reason", "full").counter().count()).isEqualTo(1);
    }

    @Test
    void skipsPortsHeldByAnotherProcess() throws Exception {
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress("127.0.0.1", PORT_MIN + 1))) {
            start(PORT_MIN + 99, 10, Duration.ofSeconds(30));
            int[] relayPorts = call("p1", caller.port());
            assertThat(Math.min(relayPorts[0], relayPorts[1])).isGreaterThan(PORT_MIN + 1);
            caller.send(rtp(1, 0xAAL, (byte) 1), at(relayPorts[0]));
            assertThat(callee.receive(2000)).isPresent();
        }
    }

    @Test
    void answerForUnknownCallFails() {
        start(PORT_MIN + 99, 10, Duration.ofSeconds(30));
        assertThatThrownBy(() -> relay.answer("nope", "a", "b", sdp(4000))).isInstanceOf(UnknownCallException.class);
    }

    /** A peer bound to a given port (the RTCP port next to an RTP peer's). */
    private record UdpPeerAt(int port) {
        UdpPeer peer() {
            return new UdpPeer(port);
        }
    }
}
