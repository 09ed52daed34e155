package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.GslbServer;
import net.voicegslb.gslb.deploy.it.support.ResourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NXDOMAIN and NODATA (RFC 2308): authoritative, nothing in the answer, the zone's SOA in the
 * authority section with TTL = min(SOA TTL, SOA MINIMUM), so that resolvers cache the negative
 * answer for the right time.
 */
class NegativeAnswersIT {

    @RegisterExtension
    static final GslbServer SERVER = GslbServer.withConfig("gslb-it.yaml");

    static Stream<Arguments> negativeAnswers() {
        // name, type, rcode, zone apex, negative TTL
        return Stream.of(
                Arguments.of("nope.voip.example.test", "A", "NXDOMAIN", "voip.example.test.", 60),
                Arguments.of("a.b.nope.voip.example.test", "AAAA", "NXDOMAIN", "voip.example.test.", 60),
                Arguments.of("sip.voip.example.test", "TXT", "NOERROR", "voip.example.test.", 60),
                Arguments.of("voip.example.test", "A", "NOERROR", "voip.example.test.", 60),
                Arguments.of("voip.example.test", "TYPE65534", "NOERROR", "voip.example.test.", 60),
                Arguments.of("sip.voip.example.test", "SRV", "NOERROR", "voip.example.test.", 60),
                // SOA TTL 30 < MINIMUM 300: the TTL wins
                Arguments.of("99.2.0.192.in-addr.arpa", "PTR", "NXDOMAIN", "2.0.192.in-addr.arpa.", 30),
                Arguments.of("1.2.0.192.in-addr.arpa", "A", "NOERROR", "2.0.192.in-addr.arpa.", 30));
    }

    @ParameterizedTest(name = "dig {0} {1} -> {2}, SOA TTL {4}")
    @MethodSource("negativeAnswers")
    void digSeesAuthoritativeNegativeAnswerWithSoa(String name, String type, String rcode, String apex, int ttl) {
        assertNegative(SERVER.dig().query(name, type), rcode, apex, ttl);
    }

    @ParameterizedTest(name = "kdig {0} {1} -> {2}, SOA TTL {4}")
    @MethodSource("negativeAnswers")
    void kdigSeesAuthoritativeNegativeAnswerWithSoa(String name, String type, String rcode, String apex, int ttl) {
        assertNegative(SERVER.kdig().query(name, type), rcode, apex, ttl);
    }

    @Test
    void nxdomainAndNodataOverTcpAreTheSame() {
        DnsReply nx = SERVER.dig().query("+tcp", "nope.voip.example.test", "A");
        DnsReply nodata = SERVER.kdig().query("+tcp", "sip.voip.example.test", "TXT");

        assertThat(nx.transport()).as(nx.text()).isEqualTo("TCP");
        assertNegative(nx, "NXDOMAIN", "voip.example.test.", 60);
        assertThat(nodata.transport()).as(nodata.text()).isEqualTo("TCP");
        assertNegative(nodata, "NOERROR", "voip.example.test.", 60);
    }

    static void assertNegative(DnsReply r, String rcode, String apex, int ttl) {
        assertThat(r.status()).as(r.text()).isEqualTo(rcode);
        assertThat(r.flags()).as(r.text()).contains("qr", "aa").doesNotContain("ra", "tc");
        assertThat(r.answer()).as(r.text()).isEmpty();
        List<ResourceRecord> soa = r.authority();
        assertThat(soa).as(r.text()).singleElement().satisfies(rr -> {
            assertThat(rr.type()).isEqualTo("SOA");
            assertThat(rr.owner()).isEqualToIgnoringCase(apex);
            assertThat(rr.ttl()).as("negative TTL").isEqualTo(ttl);
        });
    }
}
