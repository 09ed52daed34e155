package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CANCEL through the proxy between two SIPp agents: the CANCEL is answered 200 at once and sent on
 * downstream on the INVITE's branch, the callee's 487 is relayed to the caller, and the proxy ACKs
 * the 487 downstream itself (hop by hop). Also 486 from a busy callee is relayed. The scenarios
 * (uac-cancel, uas-cancel, uac-busy, uas-busy) check each message, and a SIPp that misses one or
 * whose check fails exits non-zero. One hand-written caller remains: the Timer G test needs a
 * caller that withholds its ACK and then watches for silence, which no real agent does.
 */
class CancelIT {

    @TempDir
    Path dir;

    private TestNode node;
    private Sipp sipp;

    @BeforeEach
    void start() throws Exception {
        Sipp.require();
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
        sipp = new Sipp(dir);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    /** Registers bob with his contact at {@code port}, where his SIPp will answer. */
    private void registerBob(int port) throws Exception {
        Sipp.Result reg = sipp.run(node.target(), List.of("-sf", sipp.scenario("register-open.xml").toString(),
                "-p", Integer.toString(TestNode.freePort()), "-s", "bob", "-key", "domain", "open.test",
                "-key", "contact", "127.0.0.1:" + port, "-key", "expires", "600", "-m", "1"));
        assertThat(reg.passed()).as("register: " + reg.output()).isTrue();
    }

    /** Bob's SIPp on his registered port, then alice's, each playing one call. */
    private void call(String callerScenario, String calleeScenario) throws Exception {
        int bobPort = TestNode.freePort();
        registerBob(bobPort);
        Process bob = sipp.start(node.target(), List.of("-sf", sipp.scenario(calleeScenario).toString(),
                "-p", Integer.toString(bobPort), "-m", "1"));
        try {
            Sipp.awaitUdpBound(bobPort);
            Sipp.Result alice = sipp.run(node.target(), List.of("-sf", sipp.scenario(callerScenario).toString(),
                    "-p", Integer.toString(TestNode.freePort()), "-s", "bob", "-key", "domain", "open.test",
                    "-m", "1"));
            Sipp.Result callee = sipp.await(bob);
            assertThat(alice.passed()).as("caller: " + alice.output()).isTrue();
            assertThat(callee.passed()).as("callee: " + callee.output()).isTrue();
        } finally {
            bob.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void cancelReachesTheCalleeAndTheCallerGets487() throws Exception {
        call("uac-cancel.xml", "uas-cancel.xml");
    }

    @Test
    void busyCalleeIsRelayedAs486() throws Exception {
        call("uac-busy.xml", "uas-busy.xml");
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
}
