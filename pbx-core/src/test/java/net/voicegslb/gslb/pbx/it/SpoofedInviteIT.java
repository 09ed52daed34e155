package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A UDP INVITE whose source is forged to be a victim's address (here: sent from the victim's own
 * socket on 127.0.0.2, which never ACKs). A failure after a provisional response (a 404 after 100
 * Trying) is retransmitted (Timer G) until the ACK or Timer H, 64*T1 after the response (RFC 3261
 * 17.2.1): with T1 scaled down to 50 ms that is the RFC's 1 + 10 responses within 3.2 s, then
 * silence, and the transaction is gone from the table. A challenge (407) before any provisional
 * is sent once per INVITE received, so a forged INVITE draws one response. Before the fix Timer G
 * never stopped (a response every T2, for ever) and the transaction leaked.
 */
class SpoofedInviteIT {

    private static final long T1 = 50;
    private static final long T2 = 400;
    private static final long TIMER_H = 64 * T1;

    @TempDir
    Path dir;

    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start(dir, """
                sip:
                  listen: [127.0.0.1:PORT]
                  timers:
                    t1: %dms
                    t2: %dms
                    t4: 500ms
                keepalive:
                  interval: 0s
                media:
                  enabled: false
                tenants:
                  - domain: pbx.test
                    auth: digest
                    users:
                      - {user: "1001", password: "secret-1001"}
                  - domain: open.test
                    auth: none
                    users:
                      - {user: "2001", password: "unused-2001"}
                """.formatted(T1, T2), MediaAnchor.NONE, PassiveObserver.NONE);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void aForgedInviteDrawsAtMostTheRfcRetransmissionsAndLeavesNoTransaction() throws Exception {
        // auth none: the node says 100 Trying, finds nobody (404), and retransmits that until Timer H
        List<String> received = forgedInvite("open.test", "spoof404");
        assertThat(received).isNotEmpty().allMatch(r -> r.startsWith("SIP/2.0 404 ") || r.startsWith("SIP/2.0 100 "));
        // RFC 3261 17.2.1 with T1 = 50 ms: the 404 and 10 retransmissions (0.05 .. 3.15 s)
        assertThat(received.stream().filter(r -> r.startsWith("SIP/2.0 404 ")).count()).isBetween(8L, 11L);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> node.node.serverTransactions() == 0);
        assertThat(node.registry.get("gslb.sip.transactions").tag("kind", "server").gauge().value()).isZero();
    }

    @Test
    void aForgedInviteDrawsOneChallengeAndLeavesNoTransaction() throws Exception {
        List<String> received = forgedInvite("pbx.test", "spoof407");
        assertThat(received).hasSize(1).allMatch(r -> r.startsWith("SIP/2.0 407 "));
        assertThat(node.registry.get("gslb.sip.responses.sent").tag("class", "4xx").counter().count())
                .isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> node.node.serverTransactions() == 0);
    }

    /** Sends one INVITE from the victim's socket and collects what the victim receives until quiet. */
    private List<String> forgedInvite(String domain, String callId) throws Exception {
        try (DatagramSocket victim = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0))) {
            byte[] invite = """
                    INVITE sip:1002@%s SIP/2.0\r
                    Via: SIP/2.0/UDP 127.0.0.2:%d;branch=z9hG4bK%s\r
                    Max-Forwards: 70\r
                    From: <sip:1001@%s>;tag=x\r
                    To: <sip:1002@%s>\r
                    Call-ID: %s\r
                    CSeq: 1 INVITE\r
                    Content-Length: 0\r
                    \r
                    """.formatted(domain, victim.getLocalPort(), callId, domain, domain, callId)
                    .getBytes(StandardCharsets.US_ASCII);
            victim.send(new DatagramPacket(invite, invite.length, InetAddress.getLoopbackAddress(), node.port));

            List<String> received = new ArrayList<>();
            long bytes = 0;
            long first = 0;
            // Timer H plus a margin of several T2 intervals: the old code sent one more every T2
            long quietUntil = Long.MAX_VALUE;
            byte[] buf = new byte[65535];
            while (System.nanoTime() < quietUntil && received.size() < 100) {
                long waitMillis = first == 0 ? 3000 : Math.max(1, (quietUntil - System.nanoTime()) / 1_000_000);
                victim.setSoTimeout((int) Math.min(waitMillis, 3000));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    victim.receive(p);
                } catch (SocketTimeoutException e) {
                    if (first == 0) {
                        break;
                    }
                    continue;
                }
                if (first == 0) {
                    first = System.nanoTime();
                    quietUntil = first + Duration.ofMillis(TIMER_H + 5 * T2).toNanos();
                }
                bytes += p.getLength();
                received.add(new String(buf, 0, p.getLength(), StandardCharsets.US_ASCII));
            }
            System.out.printf("forged INVITE (%s) of %d bytes drew %d responses, %d bytes: amplification %.1f%n",
                    domain, invite.length, received.size(), bytes, (double) bytes / invite.length);
            return received;
        }
    }
}
