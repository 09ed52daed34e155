package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.proxy.RelayMediaAnchor;
import net.voicegslb.gslb.rtp.RelayConfig;
import net.voicegslb.gslb.rtp.control.RtpRelay;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy is no open relay: a Route to a foreign host is refused and nothing reaches that host
 * (a socket on another loopback address stands for it), and requests within a call that do not
 * carry the Record-Route stamp this node put there (forged BYE and re-INVITE with the right
 * Call-ID and tags) are refused, leaving the call and its media as they were.
 */
class OpenRelayIT {

    @TempDir
    Path dir;

    private TestNode node;
    private RtpRelay relay;

    @BeforeEach
    void start() throws Exception {
        relay = new RtpRelay(RelayConfig.defaults(InetAddress.getLoopbackAddress()).withPorts(26100, 26199)
                .withMaxSessions(20), new SimpleMeterRegistry(), s -> { });
        node = TestNode.start(dir, """
                sip:
                  listen: [127.0.0.1:PORT]
                keepalive:
                  interval: 0s
                tenants:
                  - domain: open.test
                    auth: none
                """, new RelayMediaAnchor(relay), PassiveObserver.NONE);
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    private double refused(String reason) {
        return node.registry.get("gslb.sip.proxy.refused").tag("reason", reason).counter().count();
    }

    @Test
    void aRouteToAForeignHostIsRefusedAndNothingReachesIt() throws Exception {
        try (RawPhone foreign = new RawPhone(InetAddress.getByName("127.0.0.9"));
                RawPhone mallory = new RawPhone()) {
            String far = "127.0.0.9:" + foreign.port();
            String[][] attempts = {
                    {"", "Route: <sip:" + far + ";lr>\r\n"},
                    {"", "Route: <sip:127.0.0.1:" + node.port + ";lr>, <sip:" + far + ";lr>\r\n"},
                    {";tag=t9", "Route: <sip:" + far + ";lr>\r\n"}};
            int i = 0;
            for (String[] a : attempts) {
                i++;
                mallory.send(RawCalls.request(mallory, "INVITE", "sip:victim@" + far, "<sip:alice@open.test>;tag=m" + i,
                        "<sip:victim@" + far + ">" + a[0], "relay-" + i + "@test", "z9hG4bKrelay" + i, a[1], true),
                        node.port);
                assertThat(mallory.receive(2000)).as("attempt " + i).startsWith("SIP/2.0 403 Forbidden");
            }
            mallory.send(RawCalls.request(mallory, "ACK", "sip:victim@" + far, "<sip:alice@open.test>;tag=m9",
                    "<sip:victim@" + far + ">;tag=t9", "relay-ack@test", "z9hG4bKrelayack",
                    "Route: <sip:" + far + ";lr>\r\n", false), node.port);
            assertThat(foreign.receive(1500)).as("what reached the foreign host").isNull();
        }
        assertThat(relay.capacity().sessions()).isZero();
        assertThat(refused("relay")).isEqualTo(4);
        assertThat(node.registry.get("gslb.sip.proxy").tag("outcome", "forwarded").counter().count()).isZero();
    }

    @Test
    void forgedInDialogRequestsAreRefusedAndTheCallGoesOn() throws Exception {
        try (RawPhone alice = new RawPhone(); RawPhone bob = new RawPhone(); RawPhone mallory = new RawPhone()) {
            RawCalls.register(bob, "bob", "open.test", node.port);
            String callId = "call-forged@test";
            alice.send(RawCalls.request(alice, "INVITE", "sip:bob@open.test", "<sip:alice@open.test>;tag=a1",
                    "<sip:bob@open.test>", callId, "z9hG4bKinv1", "", true), node.port);
            String invite = bob.receiveRequest(3000);
            assertThat(invite).startsWith("INVITE sip:bob@127.0.0.1:" + bob.port()).contains(";gslb-d=");
            bob.socket.send(datagram(RawCalls.ok(invite, "b1", bob), bob));
            String ok = RawCalls.receiveStartingWith(alice, "SIP/2.0 200 OK", 3000);
            assertThat(ok).isNotNull();
            String route = RawCalls.routeFrom(ok);
            alice.send(RawCalls.request(alice, "ACK", "sip:127.0.0.1:" + bob.port(), "<sip:alice@open.test>;tag=a1",
                    "<sip:bob@open.test>;tag=b1", callId, "z9hG4bKack1", route, false), node.port);
            assertThat(bob.receiveRequest(2000)).startsWith("ACK ");
            assertThat(relay.capacity().sessions()).isEqualTo(1);

            String target = "sip:127.0.0.1:" + bob.port();
            long now = System.currentTimeMillis() / 1000;
            String[][] forged = {
                    {"BYE", "Route: <sip:127.0.0.1:" + node.port + ";lr>\r\n"},
                    {"BYE", "Route: <sip:127.0.0.1:" + node.port + ";gslb-d=r." + now + "."
                            + "0123456789abcdef0123456789abcdef;lr>\r\n"},
                    {"BYE", ""},
                    {"INVITE", "Route: <sip:127.0.0.1:" + node.port + ";lr>\r\n"},
                    {"BYE", route}}; // the real stamp, sent with another call's Call-ID (below)
            int i = 0;
            for (String[] f : forged) {
                i++;
                // a stamp is bound to its call's Call-ID and caller tag
                String cid = i == forged.length ? "other-call@test" : callId;
                mallory.send(RawCalls.request(mallory, f[0], target, "<sip:alice@open.test>;tag=a1",
                        "<sip:bob@open.test>;tag=b1", cid, "z9hG4bKforged" + i, f[1], f[0].equals("INVITE")),
                        node.port);
                assertThat(RawCalls.receiveStartingWith(mallory, "SIP/2.0 4", 2000)).as("forged " + i)
                        .startsWith("SIP/2.0 403 Forbidden");
            }
            assertThat(bob.receiveRequest(1500)).as("what reached the callee").isNull();
            assertThat(relay.capacity().sessions()).as("the call's media").isEqualTo(1);
            assertThat(refused("no_dialog")).isEqualTo(forged.length);

            // the real BYE, along the stamped route, still ends the call and frees its media
            alice.send(RawCalls.request(alice, "BYE", target, "<sip:alice@open.test>;tag=a1",
                    "<sip:bob@open.test>;tag=b1", callId, "z9hG4bKbye1", route, false), node.port);
            String bye = bob.receiveRequest(2000);
            assertThat(bye).startsWith("BYE sip:127.0.0.1:" + bob.port());
            bob.socket.send(datagram(RawCalls.response(bye, "200 OK"), bob));
            assertThat(RawCalls.receiveStartingWith(alice, "SIP/2.0 200 OK", 2000)).contains("CSeq: 2 BYE");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> relay.capacity().sessions() == 0);
        }
    }

    private static java.net.DatagramPacket datagram(String text, RawPhone from) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new java.net.DatagramPacket(b, b.length, from.lastSender);
    }
}
