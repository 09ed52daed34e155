package net.voicegslb.gslb.deploy.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The dig/kdig text parser on outputs captured from BIND 9.18 and Knot 3.2, so that IT failures are never parser bugs. */
class ClientOutputParserTest {

    private static final String DIG_TC_RETRY = """

            ; <<>> DiG 9.18.49-1~deb12u3-Debian <<>> @127.0.0.1 -p 25353 +norec big.voip.example.test A
            ; (1 server found)
            ;; global options: +cmd
            ;; Truncated, retrying in TCP mode.
            ;; Got answer:
            ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 50981
            ;; flags: qr aa; QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 1

            ;; OPT PSEUDOSECTION:
            ; EDNS: version: 0, flags: do; MBZ: 0x0005, udp: 1232
            ; CLIENT-SUBNET: 198.51.100.0/24/0
            ;; QUESTION SECTION:
            ;big.voip.example.test.		IN	A

            ;; ANSWER SECTION:
            big.voip.example.test.	300	IN	A	10.0.2.1
            big.voip.example.test.	300	IN	A	10.0.2.2

            ;; Query time: 1 msec
            ;; SERVER: 127.0.0.1#25353(127.0.0.1) (TCP)
            ;; WHEN: Sun Nov 22 04:44:10 UTC 2026
            ;; MSG SIZE  rcvd: 1650

            """;

    private static final String KDIG_TWO = """
            ;; ->>HEADER<<- opcode: QUERY; status: BADVERS; id: 19563
            ;; Flags: qr; QUERY: 1; ANSWER: 0; AUTHORITY: 0; ADDITIONAL: 1

            ;; EDNS PSEUDOSECTION:
            ;; Version: 0; flags: ; UDP size: 1232 B; ext-rcode: BADVERS

            ;; QUESTION SECTION:
            ;; sip.voip.example.test.		IN	A

            ;; Received 50 B
            ;; Time 2026-11-22 04:43:52 UTC
            ;; From 127.0.0.1@25353(UDP) in 0.4 ms
            ;; ->>HEADER<<- opcode: QUERY; status: NXDOMAIN; id: 10635
            ;; Flags: qr aa rd; QUERY: 1; ANSWER: 0; AUTHORITY: 1; ADDITIONAL: 0

            ;; QUESTION SECTION:
            ;; nope.voip.example.test.		IN	A

            ;; AUTHORITY SECTION:
            voip.example.test.  	60	IN	SOA	ns1.voip.example.test. hostmaster.voip.example.test. 1 3600 900 604800 60

            ;; Received 134 B
            ;; Time 2026-11-22 04:41:48 UTC
            ;; From 127.0.0.1@25353(TCP) in 1.8 ms
            """;

    @Test
    void digOutputAfterATcpRetry() {
        DnsReply r = ClientOutputParser.parseAll(DIG_TC_RETRY).get(0);

        assertThat(r.opcode()).isEqualTo("QUERY");
        assertThat(r.status()).isEqualTo("NOERROR");
        assertThat(r.id()).isEqualTo(50981);
        assertThat(r.flags()).containsExactlyInAnyOrder("qr", "aa");
        assertThat(List.of(r.qdCount(), r.anCount(), r.nsCount(), r.arCount())).containsExactly(1, 2, 0, 1);
        assertThat(r.edns().version()).isZero();
        assertThat(r.edns().flags()).containsExactly("do");
        assertThat(r.edns().udpSize()).isEqualTo(1232);
        assertThat(r.edns().options()).containsExactly("MBZ: 0x0005", "CLIENT-SUBNET: 198.51.100.0/24/0");
        assertThat(r.question()).containsExactly("big.voip.example.test. IN A");
        assertThat(r.answer()).containsExactly(new ResourceRecord("big.voip.example.test.", 300, "IN", "A", "10.0.2.1"),
                new ResourceRecord("big.voip.example.test.", 300, "IN", "A", "10.0.2.2"));
        assertThat(r.transport()).isEqualTo("TCP");
        assertThat(r.size()).isEqualTo(1650);
        assertThat(r.retriedOverTcp()).isTrue();
    }

    @Test
    void kdigOutputWithTwoResponses() {
        List<DnsReply> replies = ClientOutputParser.parseAll(KDIG_TWO);

        assertThat(replies).hasSize(2);
        DnsReply badvers = replies.get(0);
        assertThat(badvers.status()).isEqualTo("BADVERS");
        assertThat(badvers.edns().udpSize()).isEqualTo(1232);
        assertThat(badvers.edns().flags()).isEmpty();
        assertThat(badvers.transport()).isEqualTo("UDP");
        assertThat(badvers.size()).isEqualTo(50);
        DnsReply nx = replies.get(1);
        assertThat(nx.flags()).containsExactlyInAnyOrder("qr", "aa", "rd");
        assertThat(nx.edns()).isNull();
        assertThat(nx.question()).containsExactly("nope.voip.example.test. IN A");
        assertThat(nx.authority()).singleElement().satisfies(rr -> {
            assertThat(rr.type()).isEqualTo("SOA");
            assertThat(rr.ttl()).isEqualTo(60);
            assertThat(rr.rdata()).endsWith("604800 60");
        });
        assertThat(nx.transport()).isEqualTo("TCP");
        assertThat(nx.retriedOverTcp()).isFalse();
    }
}
