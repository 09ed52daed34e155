package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.GslbServer;
import net.voicegslb.gslb.deploy.it.support.Hex;
import net.voicegslb.gslb.deploy.it.support.RawUdp;
import net.voicegslb.gslb.deploy.it.support.WireHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** EDNS(0) (RFC 6891) and Client Subnet (RFC 7871) as dig and kdig negotiate them. */
class EdnsIT {

    @RegisterExtension
    static final GslbServer SERVER = GslbServer.withConfig("gslb-it.yaml");

    @Test
    void optIsAnsweredWithOurPayloadSizeWhenTheQueryHasOne() {
        for (DnsReply r : List.of(SERVER.dig().query("sip.voip.example.test", "A"),
                SERVER.dig().query("+bufsize=4096", "sip.voip.example.test", "A"),
                SERVER.kdig().query("+edns", "sip.voip.example.test", "A"),
                SERVER.dig().query("+tcp", "sip.voip.example.test", "A"))) {
            assertThat(r.edns()).as(r.text()).isNotNull();
            assertThat(r.edns().version()).as(r.text()).isZero();
            assertThat(r.edns().udpSize()).as(r.text()).isEqualTo(1232);
            assertThat(r.edns().flags()).as(r.text()).doesNotContain("do");
            assertThat(r.answerRdata()).as(r.text()).containsExactly("192.0.2.1");
        }
    }

    @Test
    void noOptInTheAnswerWhenTheQueryHadNone() {
        for (DnsReply r : List.of(SERVER.dig().query("+noedns", "sip.voip.example.test", "A"),
                SERVER.kdig().query("sip.voip.example.test", "A"),
                SERVER.dig().query("+noedns", "nope.voip.example.test", "A"),
                SERVER.dig().query("+noedns", "example.com", "A"))) {
            assertThat(r.edns()).as(r.text()).isNull();
            assertThat(r.additional()).as(r.text()).allSatisfy(rr -> assertThat(rr.type()).isNotEqualTo("OPT"));
        }
    }

    @Test
    void optIsPresentOnNegativeAndRefusedAnswersToEdnsQueries() {
        for (DnsReply r : List.of(SERVER.dig().query("nope.voip.example.test", "A"),
                SERVER.dig().query("sip.voip.example.test", "TXT"),
                SERVER.dig().query("example.com", "A"),
                SERVER.dig().query("www.lab.voip.example.test", "A"))) {
            assertThat(r.edns()).as(r.text()).isNotNull();
            assertThat(r.edns().udpSize()).as(r.text()).isEqualTo(1232);
        }
    }

    @Test
    void dnssecOkBitIsCopied() {
        DnsReply dig = SERVER.dig().query("+dnssec", "sip.voip.example.test", "A");
        DnsReply kdig = SERVER.kdig().query("+dnssec", "sip.voip.example.test", "A");

        for (DnsReply r : List.of(dig, kdig)) {
            assertThat(r.edns()).as(r.text()).isNotNull();
            assertThat(r.edns().flags()).as(r.text()).contains("do");
            assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
            assertThat(r.answerRdata()).as(r.text()).containsExactly("192.0.2.1");
        }
    }

    @Test
    void unsupportedEdnsVersionGetsBadvers() {
        DnsReply dig = SERVER.dig().query("+edns=1", "+noednsnegotiation", "sip.voip.example.test", "A");
        DnsReply kdig = SERVER.kdig().query("+edns=1", "sip.voip.example.test", "A");

        for (DnsReply r : List.of(dig, kdig)) {
            assertThat(r.status()).as(r.text()).isEqualTo("BADVERS");
            assertThat(r.edns()).as(r.text()).isNotNull();
            assertThat(r.edns().version()).as("we answer with the version we do support\n%s", r.text()).isZero();
            assertThat(r.answer()).as(r.text()).isEmpty();
            assertThat(r.flags()).as(r.text()).doesNotContain("aa");
        }
    }

    @Test
    void unknownEdnsFlagsAreIgnoredAndNotEchoed() {
        // zonemaster Nameserver12: "Z: set to zero by senders and ignored by receivers" (RFC 6891 6.1.4)
        DnsReply r = SERVER.dig().query("+ednsflags=0x7fff", "sip.voip.example.test", "A");

        assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
        assertThat(r.answerRdata()).as(r.text()).containsExactly("192.0.2.1");
        assertThat(r.edns()).as(r.text()).isNotNull();
        assertThat(r.edns().options()).as(r.text()).noneMatch(o -> o.startsWith("MBZ"));
        assertThat(r.edns().flags()).as(r.text()).isEmpty();
    }

    @Test
    void unsupportedVersionWithAnUnknownOptionStillGetsBadvers() {
        // zonemaster Nameserver14
        DnsReply r = SERVER.dig().query("+edns=1", "+noednsnegotiation", "+nocookie", "+ednsopt=65002:0102",
                "sip.voip.example.test", "SOA");

        assertThat(r.status()).as(r.text()).isEqualTo("BADVERS");
        assertThat(r.edns().version()).as(r.text()).isZero();
        assertThat(r.edns().options()).as(r.text()).noneMatch(o -> o.contains("65002"));
    }

    @Test
    void truncatedEdnsAnswerKeepsOptAndDo() {
        // zonemaster Nameserver13: a truncated answer to an EDNS query is still an EDNS answer
        DnsReply r = SERVER.dig().query("+ignore", "+bufsize=512", "+dnssec", "big.voip.example.test", "A");

        assertThat(r.flags()).as(r.text()).contains("tc");
        assertThat(r.edns()).as(r.text()).isNotNull();
        assertThat(r.edns().flags()).as(r.text()).contains("do");
    }

    @Test
    void dnssecOkIsCopiedOnNegativeAnswers() {
        DnsReply r = SERVER.kdig().query("+dnssec", "nope.voip.example.test", "A");

        assertThat(r.status()).as(r.text()).isEqualTo("NXDOMAIN");
        assertThat(r.edns().flags()).as(r.text()).contains("do");
    }

    @Test
    void clientSubnetIsEchoedOverTcp() {
        DnsReply r = SERVER.kdig().query("+tcp", "+subnet=203.0.113.0/24", "sip.voip.example.test", "A");

        assertThat(r.transport()).as(r.text()).isEqualTo("TCP");
        assertThat(r.edns().options()).as(r.text()).contains("CLIENT-SUBNET: 203.0.113.0/24/0");
    }

    @Test
    void malformedClientSubnetGetsFormerrThatStillCarriesOpt() {
        // RFC 7871 7.1.1: FORMERR for a bad ECS; RFC 6891 7: the OPT itself is valid, so it is answered with one
        byte[] query = Hex.bytes("""
                E002 0000 0001 0000 0000 0001
                03 73 69 70 04 76 6f 69 70 07 65 78 61 6d 70 6c 65 04 74 65 73 74 00 | 0001 0001
                00 | 0029 | 04d0 | 00 00 0000 | 000B
                   0008 0007 | 0001 14 00 | c6 33 6f
                """); // ECS 198.51.111.0/20: bits set beyond the prefix
        try (RawUdp udp = SERVER.udp()) {
            WireHeader h = WireHeader.of(udp.exchange(query));

            assertThat(h.id()).isEqualTo(0xE002);
            assertThat(h.rcode()).isEqualTo(WireHeader.FORMERR);
            assertThat(h.arCount()).as("OPT in the FORMERR answer").isEqualTo(1);
        }
    }

    @Test
    void digRetriesWithVersionZeroAfterBadvers() {
        DnsReply r = SERVER.dig().query("+edns=1", "+ednsnegotiation", "sip.voip.example.test", "A");

        assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
        assertThat(r.answerRdata()).as(r.text()).containsExactly("192.0.2.1");
    }

    @Test
    void unknownOptionIsIgnoredAndNotEchoed() {
        DnsReply dig = SERVER.dig().query("+nocookie", "+ednsopt=65001:abcd", "sip.voip.example.test", "A");
        DnsReply kdig = SERVER.kdig().query("+ednsopt=65001:abcd", "sip.voip.example.test", "A");

        for (DnsReply r : List.of(dig, kdig)) {
            assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
            assertThat(r.answerRdata()).as(r.text()).containsExactly("192.0.2.1");
            assertThat(r.edns()).as(r.text()).isNotNull();
            assertThat(r.edns().options()).as(r.text()).noneMatch(o -> o.contains("65001"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"198.51.100.0/24, 198.51.100.0/24/0", "192.0.2.128/25, 192.0.2.128/25/0",
        "2001:db8::/48, 2001:db8::/48/0", "0.0.0.0/0, 0.0.0.0/0/0"})
    void clientSubnetIsEchoedWithScopeZero(String subnet, String echoed) {
        DnsReply dig = SERVER.dig().query("+nocookie", "+subnet=" + subnet, "sip.voip.example.test", "A");
        DnsReply kdig = SERVER.kdig().query("+subnet=" + subnet, "sip.voip.example.test", "A");

        for (DnsReply r : List.of(dig, kdig)) {
            assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
            assertThat(r.edns()).as(r.text()).isNotNull();
            assertThat(r.edns().options()).as(r.text()).contains("CLIENT-SUBNET: " + echoed);
            assertThat(r.answerRdata()).as(r.text()).containsExactly("192.0.2.1");
        }
    }

    @Test
    void clientSubnetIsEchoedOnNegativeAnswersToo() {
        DnsReply r = SERVER.dig().query("+subnet=198.51.100.0/24", "nope.voip.example.test", "A");

        assertThat(r.status()).as(r.text()).isEqualTo("NXDOMAIN");
        assertThat(r.edns().options()).as(r.text()).contains("CLIENT-SUBNET: 198.51.100.0/24/0");
    }

    @Test
    void rawEcsAnswerCopiesFamilySourcePrefixAndAddressAndSetsScopeZero() {
        byte[] query = Hex.bytes("""
                E001 0000 0001 0000 0000 0001
                03 73 69 70 04 76 6f 69 70 07 65 78 61 6d 70 6c 65 04 74 65 73 74 00 | 0001 0001
                00 | 0029 | 0200 | 00 00 8000 | 000B
                   0008 0007 | 0001 18 00 | c6 33 64
                """); // sip.voip.example.test A, OPT payload 512 DO, ECS 198.51.100.0/24 scope 0
        try (RawUdp udp = SERVER.udp()) {
            byte[] answer = udp.exchange(query);

            WireHeader h = WireHeader.of(answer);
            assertThat(h.rcode()).isEqualTo(WireHeader.NOERROR);
            assertThat(h.arCount()).isEqualTo(1);
            // the OPT is the last record: root owner, type 41, class 1232, TTL (ext rcode 0, version 0, DO), rdata
            byte[] opt = Hex.bytes("00 | 0029 | 04d0 | 00 00 8000 | 000B | 0008 0007 0001 18 00 c6 33 64");
            assertThat(Hex.of(Arrays.copyOfRange(answer, answer.length - opt.length, answer.length)))
                    .isEqualTo(Hex.of(opt));
        }
    }
}
