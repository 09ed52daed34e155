package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import net.voicegslb.gslb.pbx.store.Ha1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer-signed INVITE is good once and only as signed. Site A passes an authenticated caller's
 * INVITE to its peer; the peer's address is a socket of this test (standing for a host on the
 * path between sites), which hands it to site B unchanged: B trusts it and rings the callee. The
 * same request sent again as a new transaction (only the Via's sent-by changed), or with its
 * Request-URI or its SDP altered, is refused by B and reaches nobody.
 */
class PeerTokenReplayIT {

    @TempDir
    Path dir;

    private TestNode a;
    private TestNode b;

    private static String yaml(int peerPort) {
        return """
                sip:
                  listen: [127.0.0.1:PORT]
                auth:
                  algorithms: [MD5]
                keepalive:
                  interval: 0s
                media:
                  enabled: false
                peers:
                  - site: path
                    address: 127.0.0.1:%d
                peer_secret: it-shared-secret-0123456789
                tenants:
                  - domain: example.test
                    users:
                      - {user: "1001", password: "pw-1001"}
                  - domain: open.test
                    auth: none
                """.formatted(peerPort);
    }

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void aReplayedOrAlteredPeerRequestIsRefused() throws Exception {
        try (RawPhone path = new RawPhone(); RawPhone alice = new RawPhone(); RawPhone bob = new RawPhone();
                RawPhone carol = new RawPhone()) {
            a = TestNode.start(dir, yaml(path.port()), MediaAnchor.NONE, PassiveObserver.NONE);
            b = TestNode.start(dir, yaml(path.port()), MediaAnchor.NONE, PassiveObserver.NONE);
            RawCalls.register(bob, "bob", "open.test", b.port);
            RawCalls.register(carol, "carol", "open.test", b.port);

            // alice authenticates at A; bob is not registered at A, so A signs the INVITE for its peer
            alice.send(RawCalls.request(alice, "INVITE", "sip:bob@open.test", "<sip:1001@example.test>;tag=al",
                    "<sip:bob@open.test>", "peer-call@test", "z9hG4bKpc1", "", true), a.port);
            String challenge = RawCalls.receiveStartingWith(alice, "SIP/2.0 407", 2000);
            Matcher n = Pattern.compile("nonce=\"([^\"]+)\"").matcher(challenge);
            assertThat(n.find()).as(challenge).isTrue();
            String ha1 = Ha1.hex("MD5", "1001:example.test:pw-1001");
            String ha2 = Ha1.hex("MD5", "INVITE:sip:bob@open.test");
            String response = Ha1.hex("MD5", ha1 + ":" + n.group(1) + ":00000001:cn:auth:" + ha2);
            alice.send(RawCalls.request(alice, "INVITE", "sip:bob@open.test", "<sip:1001@example.test>;tag=al",
                    "<sip:bob@open.test>", "peer-call@test", "z9hG4bKpc2",
                    "Proxy-Authorization: Digest username=\"1001\", realm=\"example.test\", nonce=\"" + n.group(1)
                            + "\", uri=\"sip:bob@open.test\", response=\"" + response
                            + "\", algorithm=MD5, cnonce=\"cn\", nc=00000001, qop=auth\r\n", true)
                    .replace("CSeq: 1 INVITE", "CSeq: 2 INVITE"), a.port);
            String signed = path.receiveRequest(3000);
            assertThat(signed).startsWith("INVITE sip:bob@open.test SIP/2.0").contains("X-Gslb-Peer: ts=");

            // handed on unchanged: B trusts it (no challenge) and rings bob
            path.send(signed, b.port);
            String rung = RawCalls.receiveRequestStartingWith(bob, "INVITE ", 3000);
            assertThat(rung).contains("Call-ID: peer-call@test");
            byte[] busy = RawCalls.response(rung, "486 Busy Here").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            bob.socket.send(new java.net.DatagramPacket(busy, busy.length, bob.lastSender)); // no retransmissions
            assertThat(b.registry.get("gslb.sip.auth").tag("outcome", "challenged").counter().count()).isZero();

            for (int k = 0; k < 20 && path.receive(300) != null; k++) {
                // B's answers to the real request (the 486) are not what this test looks at
            }
            String ourVia = "127.0.0.1:" + a.port + ";branch=";
            assertThat(signed).contains(ourVia);
            String[] attacks = {
                    signed.replace(ourVia, "127.0.0.1:1;rport;branch="),
                    signed.replace(ourVia, "127.0.0.1:2;rport;branch=")
                            .replace("INVITE sip:bob@open.test", "INVITE sip:carol@open.test"),
                    signed.replace(ourVia, "127.0.0.1:3;rport;branch=").replace("m=audio 40000", "m=audio 40666")};
            for (int i = 0; i < attacks.length; i++) {
                assertThat(attacks[i]).isNotEqualTo(signed);
                path.send(attacks[i], b.port);
                // (B keeps retransmitting its 486 for the real request, which nobody ACKs here: skip it)
                assertThat(RawCalls.receiveStartingWith(path, "SIP/2.0 403", 2000)).as("attack " + i)
                        .startsWith("SIP/2.0 403 Forbidden: invalid peer token");
            }
            assertThat(RawCalls.receiveRequestStartingWith(bob, "INVITE ", 1000)).as("bob rung again").isNull();
            assertThat(RawCalls.receiveRequestStartingWith(carol, "INVITE ", 500)).as("carol rung").isNull();
        }
        assertThat(b.registry.get("gslb.sip.proxy.refused").tag("reason", "peer_token").counter().count())
                .isEqualTo(3);
    }
}
