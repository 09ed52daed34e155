package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.GslbServer;
import net.voicegslb.gslb.deploy.it.support.ResourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every record type of the fixture zone, as dig and kdig decode it, and the additional-section data that goes with it. */
class RecordTypesIT {

    @RegisterExtension
    static final GslbServer SERVER = GslbServer.withConfig("gslb-it.yaml");

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of("sip.voip.example.test", "A", 30, List.of("192.0.2.1")),
                Arguments.of("sip.voip.example.test", "AAAA", 30, List.of("2001:db8::1")),
                Arguments.of("ns1.voip.example.test", "A", 300, List.of("192.0.2.53")),
                Arguments.of("_sip._udp.voip.example.test", "SRV", 30, List.of("10 50 5060 sip.voip.example.test.")),
                Arguments.of("voip.example.test", "NAPTR", 300, List.of(
                        "10 50 \"s\" \"SIPS+D2T\" \"\" _sips._tcp.voip.example.test.",
                        "30 50 \"s\" \"SIP+D2U\" \"\" _sip._udp.voip.example.test.")),
                Arguments.of("voip.example.test", "TXT", 300, List.of("\"v=spf1 -all\"")),
                Arguments.of("voip.example.test", "MX", 300, List.of("10 mail.voip.example.test.")),
                Arguments.of("voip.example.test", "CAA", 300, List.of("0 issue \"letsencrypt.org\"")),
                Arguments.of("voip.example.test", "NS", 300,
                        List.of("ns1.voip.example.test.", "ns2.voip.example.test.")),
                Arguments.of("voip.example.test", "SOA", 300, List.of(
                        "ns1.voip.example.test. hostmaster.voip.example.test. 2026112201 3600 900 604800 60")),
                Arguments.of("1.2.0.192.in-addr.arpa", "PTR", 30, List.of("sip.voip.example.test.")),
                Arguments.of("25.2.0.192.in-addr.arpa", "PTR", 30, List.of("mail.voip.example.test.")),
                Arguments.of("lab.voip.example.test", "DS", 300, List.of(
                        "12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF")),
                Arguments.of("pbx.voip.example.test", "CNAME", 300, List.of("sip.voip.example.test.")));
    }

    @ParameterizedTest(name = "dig {0} {1}")
    @MethodSource("records")
    void digGetsTheRecords(String name, String type, int ttl, List<String> rdata) {
        assertAnswer(SERVER.dig().query(name, type), name, type, ttl, rdata);
    }

    @ParameterizedTest(name = "kdig {0} {1}")
    @MethodSource("records")
    void kdigGetsTheRecords(String name, String type, int ttl, List<String> rdata) {
        assertAnswer(SERVER.kdig().query(name, type), name, type, ttl, rdata);
    }

    @Test
    void mxTargetAddressIsInAdditional() {
        DnsReply r = SERVER.dig().query("voip.example.test", "MX");

        assertThat(r.additional()).as(r.text()).extracting(ResourceRecord::toString)
                .contains("mail.voip.example.test. 300 IN A 192.0.2.25");
    }

    @Test
    void srvTargetAddressesAreInAdditional() {
        DnsReply r = SERVER.kdig().query("_sip._udp.voip.example.test", "SRV");

        assertThat(r.additional()).as(r.text()).extracting(ResourceRecord::toString)
                .contains("sip.voip.example.test. 30 IN A 192.0.2.1", "sip.voip.example.test. 30 IN AAAA 2001:db8::1");
    }

    @Test
    void apexNsQueryCarriesTheNameServerAddresses() {
        DnsReply r = SERVER.dig().query("voip.example.test", "NS");

        assertThat(r.flags()).as(r.text()).contains("aa");
        assertThat(r.additional()).as(r.text()).extracting(ResourceRecord::toString).contains(
                "ns1.voip.example.test. 300 IN A 192.0.2.53", "ns1.voip.example.test. 300 IN AAAA 2001:db8::53",
                "ns2.voip.example.test. 300 IN A 198.51.100.53", "ns2.voip.example.test. 300 IN AAAA 2001:db8:1::53");
    }

    @Test
    void anyIsAnsweredWithOneRrsetAsRfc8482Allows() {
        for (DnsReply r : List.of(SERVER.dig().query("voip.example.test", "ANY"),
                SERVER.kdig().query("sip.voip.example.test", "ANY"),
                SERVER.dig().query("+tcp", "voip.example.test", "ANY"))) {
            assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
            assertThat(r.flags()).as(r.text()).contains("aa");
            assertThat(r.answer()).as(r.text()).isNotEmpty();
            assertThat(r.answer().stream().map(ResourceRecord::type).distinct()).as("one RRset: %s", r.text())
                    .hasSize(1);
            assertThat(r.answer().stream().map(ResourceRecord::owner).distinct()).as(r.text()).hasSize(1);
        }
    }

    @Test
    void anyForANameThatDoesNotExistIsNxdomain() {
        DnsReply r = SERVER.dig().query("nope.voip.example.test", "ANY");

        assertThat(r.status()).as(r.text()).isEqualTo("NXDOMAIN");
        assertThat(r.authority()).as(r.text()).extracting(ResourceRecord::type).containsExactly("SOA");
    }

    private static void assertAnswer(DnsReply r, String name, String type, int ttl, List<String> rdata) {
        Function<String, String> squeeze = s -> s.replaceAll("\\s+", "");
        assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
        assertThat(r.flags()).as(r.text()).contains("qr", "aa");
        assertThat(r.answer()).as(r.text()).allSatisfy(rr -> {
            assertThat(rr.owner()).isEqualTo(name + ".");
            assertThat(rr.type()).isEqualTo(type);
            assertThat(rr.rrClass()).isEqualTo("IN");
            assertThat(rr.ttl()).isEqualTo(ttl);
        });
        assertThat(r.answer().stream().map(ResourceRecord::rdata).map(squeeze))
                .as(r.text()).containsExactlyInAnyOrderElementsOf(rdata.stream().map(squeeze).toList());
    }
}
