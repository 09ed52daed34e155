package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.GslbServer;
import net.voicegslb.gslb.deploy.it.support.QueryBytes;
import net.voicegslb.gslb.deploy.it.support.RawTcp;
import net.voicegslb.gslb.deploy.it.support.WireHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DNS over TCP (RFC 7766): two-byte framing, several queries per connection, pipelined queries
 * answered in order, and idle connections closed after dns.tcp.idle_timeout (1 s in the fixture).
 */
class TcpTransportIT {

    @RegisterExtension
    static final GslbServer SERVER = GslbServer.withConfig("gslb-it.yaml");

    private static final int A = 1;
    private static final int TXT = 16;
    private static final int SRV = 33;

    @Test
    void digAndKdigOverTcp() {
        for (DnsReply r : List.of(SERVER.dig().query("+tcp", "_sip._udp.voip.example.test", "SRV"),
                SERVER.dig().query("+vc", "SiP.voip.example.test", "AAAA"),
                SERVER.kdig().query("+tcp", "_sip._udp.voip.example.test", "SRV"))) {
            assertThat(r.transport()).as(r.text()).isEqualTo("TCP");
            assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
            assertThat(r.flags()).as(r.text()).contains("qr", "aa").doesNotContain("tc", "ra");
            assertThat(r.answer()).as(r.text()).hasSize(1);
        }
    }

    @Test
    void kdigKeepsTheConnectionOpenForSeveralQueries() {
        List<DnsReply> replies = SERVER.kdig().queries("+tcp", "+keepopen",
                "sip.voip.example.test", "A", "nope.voip.example.test", "A", "big.voip.example.test", "A");

        assertThat(replies).hasSize(3);
        assertThat(replies.get(0).answerRdata()).as(replies.get(0).text()).containsExactly("192.0.2.1");
        assertThat(replies.get(1).status()).as(replies.get(1).text()).isEqualTo("NXDOMAIN");
        assertThat(replies.get(2).answer()).as(replies.get(2).text()).hasSize(100);
    }

    @Test
    void pipelinedQueriesWrittenAtOnceAreAllAnsweredInOrder() {
        List<byte[]> queries = List.of(
                QueryBytes.of(101, "sip.voip.example.test", A),
                QueryBytes.of(102, "big.voip.example.test", A),
                QueryBytes.of(103, "nope.voip.example.test", A),
                QueryBytes.of(104, "_sip._udp.voip.example.test", SRV),
                QueryBytes.of(105, "example.com", A),
                QueryBytes.of(106, "sip.voip.example.test", TXT));
        try (RawTcp tcp = SERVER.tcp()) {
            tcp.sendFramed(queries.toArray(new byte[0][]));

            List<WireHeader> answers = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                answers.add(WireHeader.of(tcp.readMessage()));
            }
            assertThat(answers).extracting(WireHeader::id).containsExactly(101, 102, 103, 104, 105, 106);
            assertThat(answers).extracting(WireHeader::rcode).containsExactly(WireHeader.NOERROR, WireHeader.NOERROR,
                    WireHeader.NXDOMAIN, WireHeader.NOERROR, WireHeader.REFUSED, WireHeader.NOERROR);
            assertThat(answers).extracting(WireHeader::anCount).containsExactly(1, 100, 0, 1, 0, 0);
            assertThat(answers).noneMatch(WireHeader::tc);
        }
    }

    @Test
    void hundredsOfPipelinedLargeAnswersArriveCompleteAndInOrder() {
        // 300 x ~1650 bytes: far more than the socket buffers hold before we start reading
        int count = 300;
        byte[][] queries = new byte[count][];
        for (int i = 0; i < count; i++) {
            queries[i] = QueryBytes.of(1000 + i, i % 3 == 0 ? "sip.voip.example.test" : "big.voip.example.test", A);
        }
        try (RawTcp tcp = SERVER.tcp()) {
            tcp.sendFramed(queries);

            for (int i = 0; i < count; i++) {
                WireHeader h = WireHeader.of(tcp.readMessage());
                assertThat(h.id()).isEqualTo(1000 + i);
                assertThat(h.anCount()).isEqualTo(i % 3 == 0 ? 1 : 100);
            }
        }
    }

    @Test
    void queryArrivingInPiecesIsAnswered() {
        byte[] framed = RawTcp.frame(QueryBytes.of(201, "sip.voip.example.test", A));
        try (RawTcp tcp = SERVER.tcp()) {
            tcp.write(Arrays.copyOfRange(framed, 0, 1));
            tcp.write(Arrays.copyOfRange(framed, 1, 9));
            tcp.write(Arrays.copyOfRange(framed, 9, framed.length));

            WireHeader h = WireHeader.of(tcp.readMessage());
            assertThat(h.id()).isEqualTo(201);
            assertThat(h.anCount()).isEqualTo(1);
        }
    }

    @Test
    void severalQueriesOneAfterAnotherOnOneConnection() {
        try (RawTcp tcp = SERVER.tcp()) {
            for (int id = 301; id <= 310; id++) {
                WireHeader h = WireHeader.of(tcp.exchange(QueryBytes.of(id, "sip.voip.example.test", A)));
                assertThat(h.id()).isEqualTo(id);
                assertThat(h.rcode()).isEqualTo(WireHeader.NOERROR);
            }
        }
    }

    @Test
    void idleConnectionIsClosedAfterTheIdleTimeout() {
        try (RawTcp tcp = SERVER.tcp()) {
            Duration closedAfter = tcp.awaitClosedByServer(Duration.ofSeconds(5));

            assertThat(closedAfter).as("idle_timeout is 1s").isBetween(Duration.ofMillis(800), Duration.ofMillis(3500));
        }
    }

    @Test
    void halfSentFrameDoesNotHoldTheConnectionOpen() {
        try (RawTcp tcp = SERVER.tcp()) {
            tcp.write(new byte[] {0x00}); // the first byte of a length prefix, and then nothing

            Duration closedAfter = tcp.awaitClosedByServer(Duration.ofSeconds(5));

            assertThat(closedAfter).isBetween(Duration.ofMillis(800), Duration.ofMillis(3500));
        }
    }

    @Test
    void zeroLengthFrameIsDroppedAndCounted() {
        double before = SERVER.metrics().sum("dns_queries_dropped_total", "transport", "tcp");
        try (RawTcp tcp = SERVER.tcp()) {
            tcp.write(new byte[] {0x00, 0x00});

            tcp.awaitClosedByServer(Duration.ofSeconds(5));
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(SERVER.metrics().sum("dns_queries_dropped_total", "transport", "tcp")).isGreaterThan(before));
    }

    @Test
    void idleTimeoutCountsFromTheLastQuery() {
        try (RawTcp tcp = SERVER.tcp()) {
            assertThat(WireHeader.of(tcp.exchange(QueryBytes.of(401, "sip.voip.example.test", A))).id())
                    .isEqualTo(401);

            Duration closedAfter = tcp.awaitClosedByServer(Duration.ofSeconds(5));

            assertThat(closedAfter).isBetween(Duration.ofMillis(800), Duration.ofMillis(3500));
        }
    }
}
