package net.voicegslb.gslb.rtp.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import net.voicegslb.gslb.rtp.RelayConfig;
import net.voicegslb.gslb.rtp.codec.Bencode;
import net.voicegslb.gslb.rtp.codec.Packets;
import net.voicegslb.gslb.rtp.stats.StreamStatsListener;
import net.voicegslb.gslb.rtp.transport.NgControlServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ng control protocol over real UDP, as Kamailio's rtpengine module speaks it. */
class NgControlIT {

    private RtpRelay relay;
    private NgControlServer server;
    private final UdpPeer client = new UdpPeer();
    private final UdpPeer caller = new UdpPeer();
    private final UdpPeer callee = new UdpPeer();

    @BeforeEach
    void start() {
        RelayConfig config = RelayConfig.defaults(InetAddress.getLoopbackAddress()).withPorts(41200, 41299)
                .withMaxSessions(1).withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(2))
                .withIoThreads(1);
        relay = new RtpRelay(config, new SimpleMeterRegistry(), StreamStatsListener.NONE);
        server = new NgControlServer(new InetSocketAddress("127.0.0.1", 0), new NgCommands(relay));
    }

    @AfterEach
    void stop() {
        server.close();
        relay.close();
        client.close();
        caller.close();
        callee.close();
    }

    private String raw(String cookie, byte[] body) {
        byte[] head = (cookie + " ").getBytes(StandardCharsets.ISO_8859_1);
        byte[] msg = new byte[head.length + body.length];
        System.arraycopy(head, 0, msg, 0, head.length);
        System.arraycopy(body, 0, msg, head.length, body.length);
        client.send(msg, server.localAddress());
        return new String(client.receive(3000).orElseThrow(), StandardCharsets.ISO_8859_1);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> cmd(String cookie, Map<String, Object> command) throws Exception {
        String reply = raw(cookie, Bencode.encode(command));
        assertThat(reply).startsWith(cookie + " ");
        byte[] bytes = reply.getBytes(StandardCharsets.ISO_8859_1);
        return (Map<String, Object>) Bencode.decode(bytes, cookie.length() + 1);
    }

    @Test
    void ping() {
        assertThat(raw("c0", "d7:command4:pinge".getBytes(StandardCharsets.US_ASCII))).isEqualTo("c0 d6:result4:ponge");
    }

    @Test
    void offerAnswerCarriesMediaAndDeleteEndsTheCall() throws Exception {
        Map<String, Object> offer = cmd("c1", Map.of("command", "offer", "call-id", "k1", "from-tag", "ft",
                "sdp", RtpRelayIT.sdp(caller.port()), "replace", java.util.List.of("origin", "session-connection"),
                "ICE", "remove"));
        assertThat(offer).containsEntry("result", "ok");
        SdpMedia towardsCallee = Sdp.audio((String) offer.get("sdp"));
        Map<String, Object> answer = cmd("c2", Map.of("command", "answer", "call-id", "k1", "from-tag", "ft",
                "to-tag", "tt", "sdp", RtpRelayIT.sdp(callee.port())));
        assertThat(answer).containsEntry("result", "ok");
        SdpMedia towardsCaller = Sdp.audio((String) answer.get("sdp"));

        byte[] a = Packets.rtp(0, 1, 160, 1, 160, (byte) 1);
        caller.send(a, towardsCaller.rtp());
        assertThat(callee.receive(2000)).hasValueSatisfying(p -> assertThat(p).isEqualTo(a));
        byte[] b = Packets.rtp(0, 1, 160, 2, 160, (byte) 2);
        callee.send(b, towardsCallee.rtp());
        assertThat(caller.receive(2000)).hasValueSatisfying(p -> assertThat(p).isEqualTo(b));

        assertThat(cmd("c3", Map.of("command", "delete", "call-id", "k1", "from-tag", "ft")))
                .containsEntry("result", "ok");
        assertThat(relay.hasCall("k1")).isFalse();
        assertThat(cmd("c4", Map.of("command", "delete", "call-id", "k1"))).containsEntry("result", "error");
    }

    @Test
    void retransmittedCookieGetsTheCachedReplyAndNoSecondCall() throws Exception {
        Map<String, Object> offer = Map.of("command", "offer", "call-id", "r1", "from-tag", "ft",
                "sdp", RtpRelayIT.sdp(caller.port()));
        Map<String, Object> first = cmd("same", offer);
        Map<String, Object> again = cmd("same", offer);
        assertThat(again).isEqualTo(first);
        assertThat(relay.capacity().sessions()).isEqualTo(1);
        // The session limit is 1: a new call is refused with rtpengine's error shape.
        Map<String, Object> full = cmd("other", Map.of("command", "offer", "call-id", "r2", "from-tag", "ft",
                "sdp", RtpRelayIT.sdp(caller.port())));
        assertThat(full).containsEntry("result", "error");
        assertThat((String) full.get("error-reason")).contains("relay full");
    }

    @Test
    void malformedCommandsGetErrorsNotSilence() throws Exception {
        assertThat(raw("m1", "d7:command".getBytes(StandardCharsets.US_ASCII))).startsWith("m1 d12:error-reason");
        assertThat(cmd("m2", Map.of("command", "offer", "call-id", "x"))).containsEntry("error-reason",
                "missing key: from-tag");
        assertThat(cmd("m3", Map.of("command", "frobnicate"))).containsEntry("result", "error");
        assertThat(cmd("m4", Map.of("command", "offer", "call-id", "x", "from-tag", "f", "sdp", "v=0\n")))
                .containsEntry("error-reason", "no m=audio stream");
    }
}
