package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CANCEL through the proxy with hand-written phones: the CANCEL is answered 200 at once and sent
 * on downstream on the INVITE's branch, the callee's 487 is relayed to the caller, and the proxy
 * ACKs the 487 downstream itself (hop by hop). Also 486 from a busy callee is relayed.
 */
class CancelIT {

    @TempDir
    Path dir;

    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start(dir, """
                sip:
                  listen: [127.0.0.1:PORT]
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

    private void registerBob(RawPhone bob) throws Exception {
        bob.send("""
                REGISTER sip:open.test SIP/2.0
                Via: SIP/2.0/UDP 127.0.0.1:%d;rport;branch=z9hG4bKreg%d
                From: <sip:bob@open.test>;tag=b1
                To: <sip:bob@open.test>
                Call-ID: reg-%d@test
                CSeq: 1 REGISTER
                Contact: <sip:bob@127.0.0.1:%d>
                Expires: 600
                Content-Length: 0

                """.formatted(bob.port(), bob.port(), bob.port(), bob.port()), node.port);
        assertThat(bob.receive(2000)).startsWith("SIP/2.0 200 OK");
    }

    private static String invite(RawPhone alice, String branch) {
        return """
                INVITE sip:bob@open.test SIP/2.0
                Via: SIP/2.0/UDP 127.0.0.1:%d;rport;branch=%s
                Max-Forwards: 70
                From: <sip:alice@open.test>;tag=a1
                To: <sip:bob@open.test>
                Call-ID: call-%s@test
                CSeq: 1 INVITE
                Contact: <sip:alice@127.0.0.1:%d>
                Content-Length: 0

                """.formatted(alice.port(), branch, branch, alice.port());
    }

    private static List<String> receiveAll(RawPhone phone, int count) throws Exception {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String m = phone.receiveRequest(3000);
            if (m == null) {
                break;
            }
            got.add(m);
        }
        return got;
    }

    @Test
    void cancelReachesTheCalleeAndTheCallerGets487() throws Exception {
        try (RawPhone alice = new RawPhone(); RawPhone bob = new RawPhone()) {
            registerBob(bob);
            String invite = invite(alice, "z9hG4bKcancel1");
            alice.send(invite, node.port);
            assertThat(alice.receive(2000)).startsWith("SIP/2.0 100 Trying");
            String forwarded = bob.receiveRequest(2000);
            assertThat(forwarded).startsWith("INVITE sip:bob@127.0.0.1:" + bob.port() + " SIP/2.0")
                    .containsPattern("Record-Route: <sip:127\\.0\\.0\\.1:" + node.port + ";gslb-d=[^;>]+;lr>")
                    .contains("Max-Forwards: 69");
            bob.reply(forwarded.replace("To: <sip:bob@open.test>", "To: <sip:bob@open.test>;tag=bob1"),
                    "SIP/2.0 180 Ringing");
            assertThat(alice.receive(2000)).startsWith("SIP/2.0 180 Ringing");

            alice.send(invite.replace("INVITE sip:bob@open.test", "CANCEL sip:bob@open.test")
                    .replace("CSeq: 1 INVITE", "CSeq: 1 CANCEL"), node.port);
            String cancel = bob.receiveRequest(2000);
            assertThat(cancel).startsWith("CANCEL sip:bob@127.0.0.1:" + bob.port() + " SIP/2.0").contains("CSeq: 1 CANCEL");
            bob.reply(cancel, "SIP/2.0 200 OK");
            bob.reply(forwarded.replace("To: <sip:bob@open.test>", "To: <sip:bob@open.test>;tag=bob1"),
                    "SIP/2.0 487 Request Terminated");

            List<String> atAlice = receiveAll(alice, 2);
            assertThat(atAlice).anyMatch(m -> m.startsWith("SIP/2.0 200 OK") && m.contains("CSeq: 1 CANCEL"))
                    .anyMatch(m -> m.startsWith("SIP/2.0 487") && m.contains("CSeq: 1 INVITE")
                            && m.contains("branch=z9hG4bKcancel1") && !m.contains(";branch=z9hG4bK" + "cancel1,"));
            String ack = bob.receiveRequest(2000);
            assertThat(ack).startsWith("ACK sip:bob@127.0.0.1:" + bob.port() + " SIP/2.0").contains("CSeq: 1 ACK")
                    .contains("tag=bob1");
        }
    }

    @Test
    void aFailureToAnInviteIsRetransmittedUntilTheAck() throws Exception {
        try (RawPhone alice = new RawPhone()) {
            String invite = invite(alice, "z9hG4bKnobody").replace("sip:bob@open.test", "sip:nobody@open.test");
            alice.send(invite, node.port);
            String first = alice.receive(2000); // decided before forwarding: no 100 Trying first
            assertThat(first).startsWith("SIP/2.0 404 Not Found");
            assertThat(alice.receive(1500)).as("Timer G retransmission").isEqualTo(first);
            String toWithTag = first.lines().filter(l -> l.startsWith("To:")).findFirst().orElseThrow();
            alice.send(invite.replace("INVITE sip:nobody@open.test", "ACK sip:nobody@open.test")
                    .replace("CSeq: 1 INVITE", "CSeq: 1 ACK").replace("To: <sip:nobody@open.test>", toWithTag), node.port);
            assertThat(alice.receive(2500)).as("no more retransmissions after the ACK").isNull();
        }
    }

    @Test
    void busyCalleeIsRelayedAs486() throws Exception {
        try (RawPhone alice = new RawPhone(); RawPhone bob = new RawPhone()) {
            registerBob(bob);
            alice.send(invite(alice, "z9hG4bKbusy1"), node.port);
            assertThat(alice.receive(2000)).startsWith("SIP/2.0 100 Trying");
            String forwarded = bob.receiveRequest(2000);
            bob.reply(forwarded.replace("To: <sip:bob@open.test>", "To: <sip:bob@open.test>;tag=bob2"),
                    "SIP/2.0 486 Busy Here");
            String busy = alice.receive(2000);
            assertThat(busy).startsWith("SIP/2.0 486 Busy Here").contains("tag=bob2");
            assertThat(busy.lines().filter(l -> l.startsWith("Via:")).count()).isEqualTo(1);
            assertThat(bob.receiveRequest(2000)).startsWith("ACK ");
        }
    }
}
