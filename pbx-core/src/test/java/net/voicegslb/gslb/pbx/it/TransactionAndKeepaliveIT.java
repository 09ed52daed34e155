package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.pbx.keepalive.KeepaliveResult;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.keepalive.RegistrationSeen;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retransmissions absorbed by the server transaction, rport/received, TCP framing, 423 and
 * wildcard rules, 400 with a reason, several contacts per AOR, with hand-written messages over
 * real sockets: most send what no real agent sends on loopback (the same request again after its
 * answer, as when the answer is lost; a too-brief expiry, a misused wildcard, a CSeq of the wrong
 * method; two requests in one TCP write). Keepalive OPTIONS round trips are measured against a
 * real phone, SIPp, answering them as it does (at once), and the failure once it is gone; Timer E
 * retransmission and silence keep a hand-written phone, which withholds its first answer as no
 * real agent does.
 */
class TransactionAndKeepaliveIT {

    @TempDir
    Path dir;

    private TestNode node;
    private final List<KeepaliveResult> keepalives = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start(dir, """
                sip:
                  listen: [127.0.0.1:PORT]
                keepalive:
                  interval: 1s
                  timeout: 1500ms
                media:
                  enabled: false
                tenants:
                  - domain: open.test
                    auth: none
                """, MediaAnchor.NONE, new PassiveObserver() {
                    @Override
                    public void registered(RegistrationSeen event) {}

                    @Override
                    public void keepalive(KeepaliveResult event) {
                        keepalives.add(event);
                    }
                });
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private static String register(int port, String branch, String callId, int cseq, String contact, String expires) {
        return """
                REGISTER sip:open.test SIP/2.0
                Via: SIP/2.0/UDP 127.0.0.1:%d;rport;branch=%s
                Max-Forwards: 70
                From: <sip:alice@open.test>;tag=a1
                To: <sip:alice@open.test>
                Call-ID: %s
                CSeq: %d REGISTER
                Contact: %s
                Expires: %s
                Content-Length: 0

                """.formatted(port, branch, callId, cseq, contact, expires);
    }

    @Test
    void aRetransmittedRegisterIsAnsweredAgainButProcessedOnce() throws Exception {
        try (RawPhone phone = new RawPhone()) {
            String req = register(phone.port(), "z9hG4bKretx1", "retx@test", 1,
                    "<sip:alice@127.0.0.1:" + phone.port() + ">", "600");
            phone.send(req, node.port);
            String first = phone.receive(2000);
            phone.send(req, node.port);
            String second = phone.receive(2000);
            assertThat(first).startsWith("SIP/2.0 200 OK").isEqualTo(second)
                    .contains(";rport=" + phone.port()).contains(";received=127.0.0.1");
            assertThat(node.registry.get("gslb.sip.requests").tag("method", "REGISTER").counter().count()).isEqualTo(1);
            // the repeat is sent from inside the transaction layer, just before the counter moves
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).until(() ->
                    node.registry.get("gslb.sip.retransmissions.absorbed").counter().count() == 1);
        }
    }

    @Test
    void tooBriefExpiryWildcardRulesAndBadRequests() throws Exception {
        try (RawPhone phone = new RawPhone()) {
            String contact = "<sip:alice@127.0.0.1:" + phone.port() + ">";
            phone.send(register(phone.port(), "z9hG4bKb1", "w@test", 1, contact, "10"), node.port);
            assertThat(phone.receive(2000)).startsWith("SIP/2.0 423 Interval Too Brief").contains("Min-Expires: 60");
            phone.send(register(phone.port(), "z9hG4bKb2", "w@test", 2, contact, "120"), node.port);
            assertThat(phone.receive(2000)).startsWith("SIP/2.0 200 OK").contains(";expires=120");
            phone.send(register(phone.port(), "z9hG4bKb3", "w@test", 3, "*", "60"), node.port);
            assertThat(phone.receive(2000)).startsWith("SIP/2.0 400 Contact: * needs Expires: 0");
            phone.send(register(phone.port(), "z9hG4bKb4", "w@test", 4, "*", "0"), node.port);
            assertThat(phone.receive(2000)).startsWith("SIP/2.0 200 OK").doesNotContain("Contact:");
            assertThat(node.node.location().aorCount()).isZero();
            phone.send(register(phone.port(), "z9hG4bKb5", "w@test", 5, contact, "60").replace("CSeq: 5 REGISTER",
                    "CSeq: 5 INVITE"), node.port);
            assertThat(phone.receive(2000))
                    .startsWith("SIP/2.0 400 Bad Request: CSeq method does not match the request method")
                    .contains("branch=z9hG4bKb5");
        }
    }

    @Test
    void severalContactsPerAorAreKeptAndListed() throws Exception {
        try (RawPhone desk = new RawPhone(); RawPhone mobile = new RawPhone()) {
            desk.send(register(desk.port(), "z9hG4bKm1", "desk@test", 1,
                    "<sip:alice@127.0.0.1:" + desk.port() + ">;expires=300, <sip:alice@127.0.0.1:1;transport=udp>;expires=200",
                    "600"), node.port);
            String r1 = desk.receive(2000);
            assertThat(r1).startsWith("SIP/2.0 200 OK");
            assertThat(r1.lines().filter(l -> l.startsWith("Contact:"))).hasSize(2);
            mobile.send(register(mobile.port(), "z9hG4bKm2", "mobile@test", 1,
                    "<sip:alice@127.0.0.1:" + mobile.port() + ">", "600"), node.port);
            String r2 = mobile.receive(2000);
            assertThat(r2.lines().filter(l -> l.startsWith("Contact:"))).hasSize(3)
                    .anyMatch(l -> l.equals("Contact: <sip:alice@127.0.0.1:" + mobile.port() + ">;expires=600"))
                    .anyMatch(l -> l.equals("Contact: <sip:alice@127.0.0.1:" + desk.port() + ">;expires=300"));
            // a query (no Contact) lists them without changing anything
            desk.send(register(desk.port(), "z9hG4bKm3", "desk@test", 2, "<x>", "600").replace("Contact: <x>\n", ""),
                    node.port);
            assertThat(desk.receive(2000).lines().filter(l -> l.startsWith("Contact:"))).hasSize(3);
            assertThat(node.node.location().lookup("alice@open.test", System.currentTimeMillis())).hasSize(3);
        }
    }

    @Test
    void tcpFramesPipelinedMessagesByContentLength() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), node.port)) {
            s.setSoTimeout(3000);
            String a = register(s.getLocalPort(), "z9hG4bKt1", "tcp@test", 1, "<sip:bob@127.0.0.1;transport=tcp>", "300")
                    .replace("alice", "bob").replace("SIP/2.0/UDP", "SIP/2.0/TCP");
            String b = """
                    OPTIONS sip:127.0.0.1 SIP/2.0
                    Via: SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bKt2
                    From: <sip:x@open.test>;tag=x
                    To: <sip:127.0.0.1>
                    Call-ID: tcp2@test
                    CSeq: 1 OPTIONS
                    Content-Length: 0

                    """;
            OutputStream out = s.getOutputStream();
            out.write((a + b).replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder got = new StringBuilder();
            byte[] buf = new byte[4096];
            long deadline = System.currentTimeMillis() + 3000;
            while (!got.toString().contains("Allow:") && System.currentTimeMillis() < deadline) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            assertThat(got.toString()).contains("CSeq: 1 REGISTER").contains("CSeq: 1 OPTIONS")
                    .contains("Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER");
            assertThat(node.node.location().lookup("bob@open.test", System.currentTimeMillis())).hasSize(1);
        }
    }

    @Test
    void keepaliveOptionsToARealPhoneMeasureTheRoundTripAndNoticeItGone() throws Exception {
        Sipp.require();
        Sipp sipp = new Sipp(dir);
        int phonePort = TestNode.freePort();
        // The phone registers from the port it answers on (keepalives follow the REGISTER's flow),
        // stays 2.5 s answering OPTIONS (-aa), then exits.
        Process phone = sipp.start(node.target(), List.of("-sf", sipp.scenario("register-open.xml").toString(),
                "-p", Integer.toString(phonePort), "-s", "alice", "-key", "domain", "open.test",
                "-key", "contact", "127.0.0.1:" + phonePort, "-key", "expires", "600", "-aa", "-d", "2500",
                "-m", "1"));
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> keepalives.stream().anyMatch(KeepaliveResult::answered));
            Sipp.Result registered = sipp.await(phone);
            assertThat(registered.passed()).as("phone: " + registered.output()).isTrue();
        } finally {
            phone.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        KeepaliveResult ok = keepalives.stream().filter(KeepaliveResult::answered).findFirst().orElseThrow();
        assertThat(keepalives.indexOf(ok)).as("nothing failed while the phone was there").isZero();
        assertThat(ok.aor()).isEqualTo("alice@open.test");
        assertThat(ok.target().getPort()).isEqualTo(phonePort);
        assertThat(ok.clientPrefix()).isEqualTo("127.0.0.0/24");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.rttNanos()).isPositive().isLessThan(1_000_000_000L);
        // SIPp has exited: a later round gets no answer and is reported as a failure.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> keepalives.stream().anyMatch(k -> !k.answered()));
        assertThat(keepalives.stream().filter(k -> !k.answered()).findFirst().orElseThrow().atMillis())
                .isGreaterThan(ok.atMillis());
    }

    @Test
    void keepaliveOptionsMeasureTheRoundTripAndNoticeSilence() throws Exception {
        try (RawPhone phone = new RawPhone()) {
            phone.send(register(phone.port(), "z9hG4bKk1", "ka@test", 1, "<sip:alice@127.0.0.1:" + phone.port() + ">",
                    "600"), node.port);
            assertThat(phone.receive(2000)).startsWith("SIP/2.0 200 OK");
            String options = phone.receiveRequest(3000);
            assertThat(options).startsWith("OPTIONS sip:alice@127.0.0.1:" + phone.port() + " SIP/2.0");
            // unanswered, it is retransmitted after T1 (Timer E) with the same branch
            long t0 = System.nanoTime();
            String again = phone.receiveRequest(2000);
            long waited = (System.nanoTime() - t0) / 1_000_000;
            assertThat(again).isEqualTo(options);
            assertThat(waited).isBetween(300L, 900L);
            phone.reply(again, "SIP/2.0 200 OK");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(3))
                    .until(() -> keepalives.stream().anyMatch(KeepaliveResult::answered));
            KeepaliveResult ok = keepalives.stream().filter(KeepaliveResult::answered).findFirst().orElseThrow();
            assertThat(ok.aor()).isEqualTo("alice@open.test");
            assertThat(ok.target().getPort()).isEqualTo(phone.port());
            assertThat(ok.clientPrefix()).isEqualTo("127.0.0.0/24");
            assertThat(ok.rttNanos()).isPositive().isLessThan(1_000_000_000L);
            // now stay silent: the next round times out and is reported as a failure
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> keepalives.stream().anyMatch(k -> !k.answered()));
        }
    }
}
