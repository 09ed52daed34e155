package net.voicegslb.gslb.rtp.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.voicegslb.gslb.rtp.RelayConfig;
import net.voicegslb.gslb.rtp.codec.Bencode;
import net.voicegslb.gslb.rtp.codec.Packets;
import net.voicegslb.gslb.rtp.stats.StreamStatsListener;
import net.voicegslb.gslb.rtp.transport.CidrAllowList;
import net.voicegslb.gslb.rtp.transport.NgControlConfig;
import net.voicegslb.gslb.rtp.transport.NgControlServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ng control protocol over real UDP, as Kamailio's rtpengine module speaks it. */
class NgControlIT {

    private RtpRelay relay;
    private NgControlServer server;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UdpPeer client = new UdpPeer();
    private final UdpPeer stranger = new UdpPeer("127.0.0.66", 0);
    private final UdpPeer caller = new UdpPeer();
    private final UdpPeer callee = new UdpPeer();

    @BeforeEach
    void start() {
        RelayConfig config = RelayConfig.defaults(InetAddress.getLoopbackAddress()).withPorts(24200, 24299)
                .withMaxSessions(1).withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(2))
                .withIoThreads(1);
        relay = new RtpRelay(config, new SimpleMeterRegistry(), StreamStatsListener.NONE);
        server = serve(NgControlConfig.defaults(new InetSocketAddress("127.0.0.1", 0)), new NgCommands(relay));
    }

    /** Replaces the default server (loopback allowed, queue 256) with one configured for a test. */
    private NgControlServer serve(NgControlConfig config, Function<Map<String, Object>, Map<String, Object>> handler) {
        if (server != null) {
            server.close();
        }
        server = new NgControlServer(config, registry, handler);
        return server;
    }

    private double rejected(String reason) {
        return registry.get("gslb.rtp.ng.rejected").tag("reason", reason).counter().count();
    }

    @AfterEach
    void stop() {
        server.close();
        relay.close();
        stranger.close();
        client.close();
        caller.close();
        callee.close();
    }

    private String raw(String cookie, byte[] body) {
        return raw(client, cookie, body);
    }

    private String raw(UdpPeer from, String cookie, byte[] body) {
        from.send(datagram(cookie, body), server.localAddress());
        return new String(from.receive(3000).orElseThrow(), StandardCharsets.ISO_8859_1);
    }

    private static byte[] datagram(String cookie, byte[] body) {
        byte[] head = (cookie + " ").getBytes(StandardCharsets.ISO_8859_1);
        byte[] msg = new byte[head.length + body.length];
        System.arraycopy(head, 0, msg, 0, head.length);
        System.arraycopy(body, 0, msg, head.length, body.length);
        return msg;
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

    private static final byte[] PING = "d7:command4:pinge".getBytes(StandardCharsets.US_ASCII);

    @Test
    void senderOutsideTheAllowListGetsNoReplyAndIsCounted() {
        serve(NgControlConfig.defaults(new InetSocketAddress("127.0.0.1", 0))
                .withAllowed(CidrAllowList.parse("127.0.0.1/32")), new NgCommands(relay));
        stranger.send(datagram("s1", Bencode.encode(Map.of("command", "offer", "call-id", "evil", "from-tag", "x",
                "sdp", RtpRelayIT.sdp(4000)))), server.localAddress());
        await().atMost(Duration.ofSeconds(3)).until(() -> rejected("not_allowed") == 1);
        assertThat(stranger.receive(300)).isEmpty();
        assertThat(relay.hasCall("evil")).isFalse();
        // The allowed proxy is still served.
        assertThat(raw("s2", PING)).isEqualTo("s2 d6:result4:ponge");
    }

    @Test
    void cookieMustBeOneTo64Bytes() {
        String longest = "c".repeat(64);
        assertThat(raw(longest, PING)).isEqualTo(longest + " d6:result4:ponge");
        client.send(datagram("c".repeat(65), PING), server.localAddress());
        client.send(datagram("", PING), server.localAddress());
        await().atMost(Duration.ofSeconds(3)).until(() -> rejected("bad_cookie") == 2);
        assertThat(client.receive(300)).isEmpty();
    }

    @Test
    void aCookieReplyIsOnlyRepeatedToItsSender() throws Exception {
        Map<String, Object> offer = cmd("shared", Map.of("command", "offer", "call-id", "v1", "from-tag", "ft",
                "sdp", RtpRelayIT.sdp(caller.port())));
        assertThat(offer).containsKey("sdp");
        // Another local process reusing (or guessing) the cookie gets its own command's reply, not the SDP.
        try (UdpPeer other = new UdpPeer()) {
            assertThat(raw(other, "shared", PING)).isEqualTo("shared d6:result4:ponge");
        }
        // The first sender's retransmission still gets its cached reply.
        assertThat(cmd("shared", Map.of("command", "offer", "call-id", "v1", "from-tag", "ft",
                "sdp", RtpRelayIT.sdp(caller.port())))).isEqualTo(offer);
    }

    @Test
    void floodBeyondTheQueueIsDroppedAndCountedWhileQueuedCommandsAreServed() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        NgCommands commands = new NgCommands(relay);
        // The first command holds the command thread, as a slow offer would, so the queue fills.
        serve(NgControlConfig.defaults(new InetSocketAddress("127.0.0.1", 0)).withQueueLimit(8), command -> {
            if (running.getCount() > 0) {
                running.countDown();
                awaitUninterruptibly(release);
            }
            return commands.apply(command);
        });
        client.send(datagram("f0", PING), server.localAddress());
        assertThat(running.await(3, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 28; i++) {
            client.send(datagram("f" + i, PING), server.localAddress());
        }
        await().atMost(Duration.ofSeconds(3)).until(() -> rejected("queue_full") == 20);
        release.countDown();
        int replies = 0;
        while (client.receive(2000).isPresent()) {
            replies++;
            if (replies == 9) {
                break;
            }
        }
        assertThat(replies).isEqualTo(9); // the running command and the 8 queued ones
        assertThat(client.receive(300)).isEmpty();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
