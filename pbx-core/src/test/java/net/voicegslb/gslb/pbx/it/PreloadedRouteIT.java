package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node knows its own names (RFC 3261 16.4): a phone configured with an outbound proxy sends
 * its INVITE with a pre-loaded Route naming the service domain, the node's address, a configured
 * alias or the tenant domain; the node takes that Route as its own, removes it and routes the
 * call to the registered callee. A strict router's form (our name as Request-URI, the target last
 * in Route) works too.
 */
class PreloadedRouteIT {

    @TempDir
    Path dir;

    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start(dir, """
                sip:
                  listen: [127.0.0.1:PORT]
                  aliases: [voip.example.test, "*.voip.example.test"]
                keepalive:
                  interval: 0s
                media:
                  enabled: false
                tenants:
                  - domain: open.test
                    auth: none
                """, MediaAnchor.NONE, PassiveObserver.NONE);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void aPreloadedRouteNamingThisNodeReachesTheRegisteredCallee() throws Exception {
        List<String> routes = List.of("<sip:voip.example.test;transport=udp;lr>", "<sip:sip.voip.example.test;lr>",
                "<sip:acme.voip.example.test:5060;lr>", "<sip:127.0.0.1:" + node.port + ";transport=udp;lr>",
                "<sip:open.test;lr>");
        try (RawPhone alice = new RawPhone(); RawPhone bob = new RawPhone()) {
            RawCalls.register(bob, "bob", "open.test", node.port);
            int i = 0;
            for (String route : routes) {
                i++;
                alice.send(RawCalls.request(alice, "INVITE", "sip:bob@open.test", "<sip:alice@open.test>;tag=a" + i,
                        "<sip:bob@open.test>", "pre-" + i + "@test", "z9hG4bKpre" + i, "Route: " + route + "\r\n",
                        true), node.port);
                assertThat(RawCalls.receiveStartingWith(alice, "SIP/2.0 ", 2000)).as(route)
                        .startsWith("SIP/2.0 100 Trying");
                String invite = RawCalls.receiveRequestStartingWith(bob, "INVITE ", 2000);
                assertThat(invite).as(route).startsWith("INVITE sip:bob@127.0.0.1:" + bob.port() + " SIP/2.0")
                        .contains("Call-ID: pre-" + i + "@test").doesNotContain("\r\nRoute:")
                        .containsPattern("Record-Route: <sip:127\\.0\\.0\\.1:" + node.port + ";gslb-d=");
                bob.socket.send(packet(RawCalls.response(invite, "486 Busy Here"), bob));
                assertThat(RawCalls.receiveStartingWith(alice, "SIP/2.0 486", 2000)).as(route).isNotNull();
            }
        }
    }

    @Test
    void aStrictRoutersRequestWithOurNameAsRequestUriReachesTheCallee() throws Exception {
        try (RawPhone alice = new RawPhone(); RawPhone bob = new RawPhone()) {
            RawCalls.register(bob, "bob", "open.test", node.port);
            alice.send(RawCalls.request(alice, "INVITE", "sip:voip.example.test;transport=udp",
                    "<sip:alice@open.test>;tag=s1", "<sip:bob@open.test>", "strict@test", "z9hG4bKstrict",
                    "Route: <sip:bob@open.test>\r\n", true), node.port);
            String invite = RawCalls.receiveRequestStartingWith(bob, "INVITE ", 2000);
            assertThat(invite).startsWith("INVITE sip:bob@127.0.0.1:" + bob.port() + " SIP/2.0")
                    .doesNotContain("\r\nRoute:");
            bob.socket.send(packet(RawCalls.response(invite, "486 Busy Here"), bob));
            assertThat(RawCalls.receiveStartingWith(alice, "SIP/2.0 486", 2000)).isNotNull();
        }
    }

    @Test
    void aNameThatIsNotOursIsStillNoRoute() throws Exception {
        try (RawPhone alice = new RawPhone(); RawPhone bob = new RawPhone()) {
            RawCalls.register(bob, "bob", "open.test", node.port);
            alice.send(RawCalls.request(alice, "INVITE", "sip:bob@open.test", "<sip:alice@open.test>;tag=n1",
                    "<sip:bob@open.test>", "notours@test", "z9hG4bKnotours",
                    "Route: <sip:voip.example.test.evil.test;lr>\r\n", true), node.port);
            assertThat(RawCalls.receiveStartingWith(alice, "SIP/2.0 ", 2000)).startsWith("SIP/2.0 403");
            assertThat(bob.receiveRequest(1000)).isNull();
        }
    }

    private static java.net.DatagramPacket packet(String text, RawPhone from) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new java.net.DatagramPacket(b, b.length, from.lastSender);
    }
}
