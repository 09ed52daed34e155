package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.GslbServer;
import net.voicegslb.gslb.deploy.it.support.Hex;
import net.voicegslb.gslb.deploy.it.support.Metrics;
import net.voicegslb.gslb.deploy.it.support.QueryBytes;
import net.voicegslb.gslb.deploy.it.support.RawTcp;
import net.voicegslb.gslb.deploy.it.support.RawUdp;
import net.voicegslb.gslb.deploy.it.support.WireHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Packets no real client sends, as literal bytes: each one is answered with FORMERR, or dropped
 * when nothing sensible can be sent back, and counted in /metrics either way; the server keeps
 * answering dig after every one of them and after a burst of random garbage.
 */
class MalformedQueriesIT {

    @RegisterExtension
    static final GslbServer SERVER = GslbServer.withConfig("gslb-it.yaml");

    /** Header after the ID: opcode QUERY, no flags, QDCOUNT 1, no other records. */
    private static final String QUERY_1Q = "0000 0001 0000 0000 0000";
    /** Same with ARCOUNT 1 (an OPT follows the question). */
    private static final String QUERY_1Q_1AR = "0000 0001 0000 0000 0001";
    /** sip.voip.example.test A IN. */
    private static final String QUESTION = "03 73 69 70 04 76 6f 69 70 07 65 78 61 6d 70 6c 65 04 74 65 73 74 00 0001 0001";
    /** A well-formed record (sip A 192.0.2.1), to put where a query must have none. */
    private static final String RECORD = "c0 0c 0001 0001 0000012c 0004 c0000201";
    /** The start of an OPT record: root owner, type 41, payload 1232, ext-rcode 0, version 0, no flags. */
    private static final String OPT = "00 0029 04d0 00 00 0000";
    private static final String LABEL_63 = "3f" + "61".repeat(63);

    enum Expect { FORMERR, DROPPED }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty datagram", "", Expect.DROPPED),
                Arguments.of("11 bytes, shorter than a header", "F001 0000 0001 0000 0000 00", Expect.DROPPED),
                Arguments.of("a response (QR=1)", "F003 8000 0001 0000 0000 0000" + QUESTION, Expect.DROPPED),
                Arguments.of("a response with FORMERR (QR=1, no reflection loop)", "F004 8001 0000 0000 0000 0000",
                        Expect.DROPPED),
                Arguments.of("QDCOUNT 0", "F005 0000 0000 0000 0000 0000", Expect.FORMERR),
                Arguments.of("QDCOUNT 2", "F006 0000 0002 0000 0000 0000" + QUESTION + QUESTION, Expect.FORMERR),
                Arguments.of("compression pointer in the question", "F007" + QUERY_1Q
                        + "03 73 69 70 c0 0c 0001 0001", Expect.FORMERR),
                Arguments.of("extended label type 0x40", "F008" + QUERY_1Q + "41 00 73 69 70 00 0001 0001",
                        Expect.FORMERR),
                Arguments.of("reserved label type 0x80", "F009" + QUERY_1Q + "80 73 00 0001 0001", Expect.FORMERR),
                Arguments.of("name of 257 bytes", "F00A" + QUERY_1Q + LABEL_63.repeat(4) + "00 0001 0001",
                        Expect.FORMERR),
                Arguments.of("name without its root label", "F00B" + QUERY_1Q + "03 73 69 70", Expect.FORMERR),
                Arguments.of("label running past the end", "F00C" + QUERY_1Q + "3f 73 69 70", Expect.FORMERR),
                Arguments.of("question without type and class", "F00D" + QUERY_1Q + "03 73 69 70 00 00",
                        Expect.FORMERR),
                Arguments.of("answer record in a query", "F00E 0000 0001 0001 0000 0000" + QUESTION + RECORD,
                        Expect.FORMERR),
                Arguments.of("authority record in a query", "F00F 0000 0001 0000 0001 0000" + QUESTION + RECORD,
                        Expect.FORMERR),
                Arguments.of("ARCOUNT 1 but nothing after the question", "F010" + QUERY_1Q_1AR + QUESTION,
                        Expect.FORMERR),
                Arguments.of("two OPT records", "F011 0000 0001 0000 0000 0002" + QUESTION + OPT + "0000" + OPT
                        + "0000", Expect.FORMERR),
                Arguments.of("OPT owner is not the root", "F012" + QUERY_1Q_1AR + QUESTION
                        + "01 61 00 0029 04d0 00 00 0000 0000", Expect.FORMERR),
                Arguments.of("OPT rdata longer than the packet", "F013" + QUERY_1Q_1AR + QUESTION + OPT
                        + "0010 0008", Expect.FORMERR),
                Arguments.of("option longer than the OPT rdata", "F014" + QUERY_1Q_1AR + QUESTION + OPT
                        + "0008 | 0008 000a 0001 18 00", Expect.FORMERR),
                Arguments.of("ECS family 3", "F015" + QUERY_1Q_1AR + QUESTION + OPT
                        + "000b | 0008 0007 0003 18 00 c6 33 64", Expect.FORMERR),
                Arguments.of("ECS IPv4 source prefix 33", "F016" + QUERY_1Q_1AR + QUESTION + OPT
                        + "000d | 0008 0009 0001 21 00 c6 33 64 01 80", Expect.FORMERR),
                Arguments.of("ECS IPv6 source prefix 129", "F017" + QUERY_1Q_1AR + QUESTION + OPT
                        + "001d | 0008 0019 0002 81 00 20010db8 00000000 00000000 00000000 80", Expect.FORMERR),
                Arguments.of("ECS /24 with 4 address bytes", "F018" + QUERY_1Q_1AR + QUESTION + OPT
                        + "000c | 0008 0008 0001 18 00 c6 33 64 00", Expect.FORMERR),
                Arguments.of("ECS /24 with 2 address bytes", "F019" + QUERY_1Q_1AR + QUESTION + OPT
                        + "000a | 0008 0006 0001 18 00 c6 33", Expect.FORMERR),
                Arguments.of("ECS /20 with bits set beyond the prefix", "F01A" + QUERY_1Q_1AR + QUESTION + OPT
                        + "000b | 0008 0007 0001 14 00 c6 33 6f", Expect.FORMERR),
                Arguments.of("trailing bytes after the question", "F01B" + QUERY_1Q + QUESTION + "ff ff",
                        Expect.FORMERR),
                Arguments.of("trailing byte after the OPT", "F01C" + QUERY_1Q_1AR + QUESTION + OPT + "0000 00",
                        Expect.FORMERR));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("malformed")
    void malformedUdpPacketIsRejectedAndCounted(String what, String hex, Expect expect) {
        byte[] packet = Hex.bytes(hex);
        Metrics before = SERVER.metrics();
        try (RawUdp udp = SERVER.udp()) {
            udp.send(packet);
            // A well-formed query behind it: its answer must be the first datagram we get back.
            udp.send(QueryBytes.of(0x1234, "sip.voip.example.test", 1));

            byte[] first = udp.receive(Duration.ofSeconds(2)).orElseThrow(() -> new AssertionError("no answer at all"));
            if (expect == Expect.DROPPED) {
                assertThat(WireHeader.of(first).id()).as("first datagram back answers the valid query, "
                        + "nothing was sent for the dropped one: %s", Hex.of(first)).isEqualTo(0x1234);
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                        SERVER.metrics().sum("dns_queries_dropped_total", "transport", "udp"))
                        .isGreaterThan(before.sum("dns_queries_dropped_total", "transport", "udp")));
            } else {
                assertFormerr(first, packet);
                Optional<byte[]> second = udp.receive(Duration.ofSeconds(2));
                assertThat(second).as("the valid query behind it is answered").isPresent();
                assertThat(WireHeader.of(second.get()).id()).isEqualTo(0x1234);
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                        SERVER.metrics().sum("dns_queries_malformed_total", "transport", "udp"))
                        .isGreaterThan(before.sum("dns_queries_malformed_total", "transport", "udp")));
            }
        }
    }

    @Test
    void nameOfExactly255BytesIsLegalAndAnswered() {
        // 3 x 63-byte labels, a 43-byte label, voip.example.test and the root: 192 + 44 + 19 = 255 bytes
        byte[] query = Hex.bytes("F0FF" + QUERY_1Q + LABEL_63.repeat(3) + "2b" + "61".repeat(43)
                + "04 76 6f 69 70 07 65 78 61 6d 70 6c 65 04 74 65 73 74 00 | 0001 0001");
        assertThat(query.length - 12 - 4).as("name length").isEqualTo(255);
        try (RawUdp udp = SERVER.udp()) {
            byte[] answer = udp.exchange(query);

            WireHeader h = WireHeader.of(answer);
            assertThat(h.rcode()).isEqualTo(WireHeader.NXDOMAIN);
            assertThat(h.aa()).isTrue();
            assertThat(h.nsCount()).isEqualTo(1);
            assertThat(Arrays.copyOfRange(answer, 12, query.length))
                    .isEqualTo(Arrays.copyOfRange(query, 12, query.length));
        }
    }

    @Test
    void malformedQueryOverTcpGetsFormerrAndTheConnectionStaysUsable() {
        try (RawTcp tcp = SERVER.tcp()) {
            byte[] noQuestion = Hex.bytes("F101 0000 0000 0000 0000 0000");
            assertFormerr(tcp.exchange(noQuestion), noQuestion);

            WireHeader next = WireHeader.of(tcp.exchange(QueryBytes.of(0xF102, "sip.voip.example.test", 1)));
            assertThat(next.id()).isEqualTo(0xF102);
            assertThat(next.anCount()).isEqualTo(1);
        }
        assertThat(SERVER.metrics().sum("dns_queries_malformed_total", "transport", "tcp")).isPositive();
    }

    @Test
    void burstOfRandomGarbageLeavesTheServerAnswering() {
        Random random = new Random(20261122L);
        Metrics before = SERVER.metrics();
        try (RawUdp udp = SERVER.udp()) {
            for (int i = 0; i < 5_000; i++) {
                byte[] junk = new byte[random.nextInt(600)];
                random.nextBytes(junk);
                if (junk.length > 12 && random.nextBoolean()) {
                    // half of them with a plausible query header, so they reach the question parser
                    junk[2] = 0;
                    junk[3] = 0;
                    junk[4] = 0;
                    junk[5] = 1;
                }
                udp.send(junk);
            }
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Metrics after = SERVER.metrics();
            double handled = after.sum("dns_queries_dropped_total") + after.sum("dns_queries_malformed_total")
                    + after.sum("dns_queries_total");
            double handledBefore = before.sum("dns_queries_dropped_total") + before.sum("dns_queries_malformed_total")
                    + before.sum("dns_queries_total");
            assertThat(handled - handledBefore).as("garbage seen and counted").isGreaterThan(100);
        });
        assertThat(SERVER.process().isAlive()).isTrue();
        DnsReply r = SERVER.dig().query("sip.voip.example.test", "A");
        assertThat(r.answerRdata()).as(r.text()).containsExactly("192.0.2.1");
    }

    @AfterEach
    void serverStillAnswersDig() {
        DnsReply r = SERVER.dig().query("sip.voip.example.test", "A");
        assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
        assertThat(r.answerRdata()).as(r.text()).containsExactly("192.0.2.1");
    }

    private static void assertFormerr(byte[] answer, byte[] query) {
        WireHeader h = WireHeader.of(answer);
        assertThat(h.id()).as("ID echoed in %s", Hex.of(answer)).isEqualTo(WireHeader.of(query).id());
        assertThat(h.qr()).isTrue();
        assertThat(h.rcode()).as("rcode of %s", Hex.of(answer)).isEqualTo(WireHeader.FORMERR);
        assertThat(h.anCount()).isZero();
        assertThat(h.nsCount()).isZero();
    }
}
