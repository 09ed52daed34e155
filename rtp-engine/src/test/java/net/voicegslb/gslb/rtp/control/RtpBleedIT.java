package net.voicegslb.gslb.rtp.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.voicegslb.gslb.rtp.RelayConfig;
import net.voicegslb.gslb.rtp.codec.Packets;
import net.voicegslb.gslb.rtp.stats.StreamStatsListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RTP bleed over real UDP: a third party on another host (127.0.0.66) sprays the relay's port
 * range to latch a leg before the phone does, and would then receive the other party's audio.
 */
class RtpBleedIT {

    private static final int PORT_MIN = 24400; // below the ephemeral range
    private static final int PORT_MAX = 24499;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UdpPeer caller = new UdpPeer();
    private final UdpPeer callee = new UdpPeer();
    private final UdpPeer stranger = new UdpPeer("127.0.0.66", 0);
    private RtpRelay relay;

    @BeforeEach
    void start() {
        RelayConfig config = RelayConfig.defaults(LOOPBACK).withPorts(PORT_MIN, PORT_MAX).withMaxSessions(20)
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(2)).withIoThreads(2);
        relay = new RtpRelay(config, registry, StreamStatsListener.NONE);
    }

    @AfterEach
    void stop() {
        relay.close();
        caller.close();
        callee.close();
        stranger.close();
    }

    private static InetSocketAddress at(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    private static byte[] rtp(int seq, long ssrc, byte fill) {
        return Packets.rtp(0, seq, 160L * seq, ssrc, 160, fill);
    }

    private double dropped(String reason) {
        FunctionCounter c = registry.find("gslb.rtp.packets").tag("outcome", "dropped").tag("reason", reason)
                .functionCounter();
        return c == null ? -1 : c.count();
    }

    private double latch(String event) {
        FunctionCounter c = registry.find("gslb.rtp.latch").tag("event", event).functionCounter();
        return c == null ? -1 : c.count();
    }

    /** The stranger does not know the ports: one RTP packet to every even port, an RR to every odd one. */
    private void sprayRange(long ssrc) {
        for (int port = PORT_MIN; port <= PORT_MAX; port += 2) {
            stranger.send(rtp(1, ssrc, (byte) 66), at(port));
            stranger.send(Packets.receiverReport(ssrc), at(port + 1));
        }
    }

    @Test
    void strangerSprayingBeforeThePhoneTakesNoLegAndHearsNothing() throws Exception {
        String toCallee = relay.offer("b1", "ft", RtpRelayIT.sdp(caller.port()));
        String toCaller = relay.answer("b1", "ft", "tt", RtpRelayIT.sdp(callee.port()));
        int callerFacing = Sdp.audio(toCaller).rtp().getPort();
        int calleeFacing = Sdp.audio(toCallee).rtp().getPort();

        sprayRange(0x66L);
        // The call's four sockets each refused one packet (RTP on both RTP ports, RTCP on both RTCP ports).
        await().atMost(Duration.ofSeconds(3)).until(() -> dropped("stranger_before_latch") == 4);

        // The callee talks first: its audio goes to the caller's signalled address, not the stranger.
        byte[] hello = rtp(1, 0xCA1EL, (byte) 2);
        callee.send(hello, at(calleeFacing));
        assertThat(caller.receive(2000)).hasValueSatisfying(p -> assertThat(p).isEqualTo(hello));
        byte[] fromCaller = rtp(1, 0xCA11L, (byte) 1);
        caller.send(fromCaller, at(callerFacing));
        assertThat(callee.receive(2000)).hasValueSatisfying(p -> assertThat(p).isEqualTo(fromCaller));
        byte[] reply = rtp(2, 0xCA1EL, (byte) 2);
        callee.send(reply, at(calleeFacing));
        assertThat(caller.receive(2000)).hasValueSatisfying(p -> assertThat(p).isEqualTo(reply));

        // Spraying again after the latch is refused too, and still nothing reaches the stranger.
        sprayRange(0xCA11L);
        await().atMost(Duration.ofSeconds(3)).until(() -> dropped("stranger_after_latch") >= 2);
        assertThat(callee.receive(200)).isEmpty();
        assertThat(stranger.receive(300)).isEmpty();
        assertThat(latch("latched")).isEqualTo(2);
    }

    @Test
    void phoneBehindNatLatchesFromItsSipSourceIpWhileTheStrangerIsRefused() throws Exception {
        // The caller's SDP shows its private address; its INVITE came from its NAT's public IP (127.0.0.1 here).
        String privateSdp = RtpRelayIT.sdp(4000).replace("127.0.0.1", "10.0.0.5");
        String toCallee = relay.offer("b2", "ft", privateSdp, InetAddress.getByName("127.0.0.1"));
        String toCaller = relay.answer("b2", "ft", "tt", RtpRelayIT.sdp(callee.port()),
                InetAddress.getByName("127.0.0.1"));
        int callerFacing = Sdp.audio(toCaller).rtp().getPort();
        int calleeFacing = Sdp.audio(toCallee).rtp().getPort();

        for (int i = 0; i < 10; i++) {
            stranger.send(rtp(i, 0x66L, (byte) 66), at(callerFacing));
        }
        await().atMost(Duration.ofSeconds(3)).until(() -> dropped("stranger_before_latch") == 10);

        byte[] fromCaller = rtp(1, 0xCA11L, (byte) 1);
        caller.send(fromCaller, at(callerFacing));
        assertThat(callee.receive(2000)).hasValueSatisfying(p -> assertThat(p).isEqualTo(fromCaller));
        byte[] fromCallee = rtp(1, 0xCA1EL, (byte) 2);
        callee.send(fromCallee, at(calleeFacing));
        assertThat(caller.receive(2000)).hasValueSatisfying(p -> assertThat(p).isEqualTo(fromCallee));
        assertThat(stranger.receive(300)).isEmpty();
    }

    @Test
    void signalledEndpointWinsBackALegANeighbourOnTheSameIpLatchedFirst() throws Exception {
        // A neighbour behind the same carrier-grade NAT shares the phone's public IP, so the NAT rule
        // lets it latch first; the phone, sending from exactly its signalled address, takes the leg back.
        try (UdpPeer neighbour = new UdpPeer()) {
            String toCallee = relay.offer("b3", "ft", RtpRelayIT.sdp(caller.port()));
            String toCaller = relay.answer("b3", "ft", "tt", RtpRelayIT.sdp(callee.port()));
            int callerFacing = Sdp.audio(toCaller).rtp().getPort();
            int calleeFacing = Sdp.audio(toCallee).rtp().getPort();

            neighbour.send(rtp(1, 0x66L, (byte) 66), at(callerFacing));
            await().atMost(Duration.ofSeconds(3)).until(() -> latch("latched") == 1);

            byte[] fromCaller = rtp(1, 0xCA11L, (byte) 1);
            caller.send(fromCaller, at(callerFacing));
            await().atMost(Duration.ofSeconds(3)).until(() -> latch("relatched") == 1);
            // The neighbour's injected packet and the caller's both reached the callee; drain them.
            assertThat(callee.receive(2000)).isPresent();
            assertThat(callee.receive(2000)).hasValueSatisfying(p -> assertThat(p).isEqualTo(fromCaller));

            neighbour.send(rtp(2, 0x66L, (byte) 66), at(callerFacing));
            await().atMost(Duration.ofSeconds(3)).until(() -> dropped("stranger_after_latch") == 1);
            byte[] fromCallee = rtp(1, 0xCA1EL, (byte) 2);
            callee.send(fromCallee, at(calleeFacing));
            assertThat(caller.receive(2000)).hasValueSatisfying(p -> assertThat(p).isEqualTo(fromCallee));
            assertThat(neighbour.receive(300)).isEmpty();
            assertThat(callee.receive(200)).isEmpty();
        }
    }

    @Test
    void portsAreNotHandedOutInOrder() throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String toCallee = relay.offer("p" + i, "ft", RtpRelayIT.sdp(caller.port()));
            String toCaller = relay.answer("p" + i, "ft", "tt", RtpRelayIT.sdp(callee.port()));
            ports.add(Sdp.audio(toCaller).rtp().getPort());
            ports.add(Sdp.audio(toCallee).rtp().getPort());
        }
        assertThat(ports).allSatisfy(p -> assertThat(p).isEven().isBetween(PORT_MIN, PORT_MAX)).doesNotHaveDuplicates();
        List<Integer> sorted = new ArrayList<>(ports);
        sorted.sort(null);
        // 20 random picks from 50 pairs come out sorted with probability 1/20!; in order they always do.
        assertThat(ports).isNotEqualTo(sorted);
    }
}
