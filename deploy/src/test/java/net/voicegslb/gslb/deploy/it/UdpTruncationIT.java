package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.GslbServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * UDP answers fit min(client payload, 1232) bytes, or 512 without EDNS (RFC 1035, RFC 6891, DNS
 * flag day 2020). Additional data goes first; when the answer itself does not fit, TC tells the
 * client to ask again over TCP (RFC 2181 9, RFC 7766), which dig and kdig then do on their own.
 * Fixture: mid (40 A, ~690 bytes), big (100 A, ~1650 bytes), _sip._tcp.pool (8 SRV + 16 addresses).
 */
class UdpTruncationIT {

    @RegisterExtension
    static final GslbServer SERVER = GslbServer.withConfig("gslb-it.yaml");

    @Test
    void answerThatFits1232IsSentWhole() {
        DnsReply r = SERVER.dig().query("+ignore", "mid.voip.example.test", "A");

        assertThat(r.transport()).as(r.text()).isEqualTo("UDP");
        assertThat(r.flags()).as(r.text()).doesNotContain("tc");
        assertThat(r.answer()).as(r.text()).hasSize(40);
        assertThat(r.size()).as(r.text()).isLessThanOrEqualTo(1232);
    }

    @Test
    void smallerClientBufferGetsTruncation() {
        DnsReply dig = SERVER.dig().query("+ignore", "+bufsize=512", "mid.voip.example.test", "A");
        DnsReply kdig = SERVER.kdig().query("+ignore", "+bufsize=512", "mid.voip.example.test", "A");

        for (DnsReply r : List.of(dig, kdig)) {
            assertTruncated(r, 512);
            assertThat(r.edns()).as(r.text()).isNotNull();
        }
    }

    @Test
    void noEdnsMeans512BytesAndTruncation() {
        DnsReply dig = SERVER.dig().query("+ignore", "+noedns", "mid.voip.example.test", "A");
        DnsReply kdig = SERVER.kdig().query("+ignore", "mid.voip.example.test", "A");

        for (DnsReply r : List.of(dig, kdig)) {
            assertTruncated(r, 512);
            assertThat(r.edns()).as(r.text()).isNull();
        }
    }

    @Test
    void aLargerClientBufferIsCappedAt1232() {
        DnsReply r = SERVER.dig().query("+ignore", "+bufsize=4096", "big.voip.example.test", "A");

        assertTruncated(r, 1232);
        assertThat(r.edns().udpSize()).as(r.text()).isEqualTo(1232);
    }

    @Test
    void digAndKdigRetryOverTcpAndGetTheWholeRrset() {
        DnsReply dig = SERVER.dig().query("big.voip.example.test", "A");
        DnsReply kdig = SERVER.kdig().query("big.voip.example.test", "A");

        for (DnsReply r : List.of(dig, kdig)) {
            assertThat(r.retriedOverTcp()).as("the tool saw TC over UDP first\n%s", r.text()).isTrue();
            assertThat(r.transport()).as(r.text()).isEqualTo("TCP");
            assertThat(r.flags()).as(r.text()).contains("aa").doesNotContain("tc");
            assertThat(r.answer()).as(r.text()).hasSize(100);
            assertThat(r.answerRdata()).as(r.text()).contains("10.0.2.1", "10.0.2.100");
        }
    }

    @Test
    void tcpAndVcGetTheWholeRrsetDirectly() {
        for (DnsReply r : List.of(SERVER.dig().query("+tcp", "big.voip.example.test", "A"),
                SERVER.dig().query("+vc", "+noedns", "big.voip.example.test", "A"),
                SERVER.kdig().query("+tcp", "big.voip.example.test", "A"))) {
            assertThat(r.retriedOverTcp()).as(r.text()).isFalse();
            assertThat(r.transport()).as(r.text()).isEqualTo("TCP");
            assertThat(r.flags()).as(r.text()).doesNotContain("tc");
            assertThat(r.answer()).as(r.text()).hasSize(100);
        }
    }

    @Test
    void additionalIsDroppedBeforeTheAnswerIsTruncated() {
        DnsReply full = SERVER.dig().query("+ignore", "_sip._tcp.pool.voip.example.test", "SRV");
        DnsReply small = SERVER.dig().query("+ignore", "+noedns", "_sip._tcp.pool.voip.example.test", "SRV");

        assertThat(full.answer()).as(full.text()).hasSize(8);
        assertThat(full.additional()).as(full.text()).hasSize(16);
        assertThat(small.flags()).as("additional data is optional: no TC for leaving it out\n%s", small.text())
                .doesNotContain("tc");
        assertThat(small.answer()).as(small.text()).hasSize(8);
        assertThat(small.additional()).as(small.text()).hasSizeLessThan(16);
        assertThat(small.size()).as(small.text()).isLessThanOrEqualTo(512);
    }

    @Test
    void truncatedAnswersAreCounted() {
        double before = SERVER.metrics().sum("dns_responses_truncated_total", "transport", "udp");
        SERVER.dig().query("+ignore", "+noedns", "big.voip.example.test", "A");
        SERVER.dig().query("+ignore", "+noedns", "big.voip.example.test", "A");

        assertThat(SERVER.metrics().sum("dns_responses_truncated_total", "transport", "udp"))
                .isGreaterThanOrEqualTo(before + 2);
    }

    private static void assertTruncated(DnsReply r, int limit) {
        assertThat(r.transport()).as(r.text()).isEqualTo("UDP");
        assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
        assertThat(r.flags()).as(r.text()).contains("qr", "aa", "tc");
        assertThat(r.answer()).as("a truncated answer is sent empty\n%s", r.text()).isEmpty();
        assertThat(r.size()).as(r.text()).isPositive().isLessThanOrEqualTo(limit);
    }
}
