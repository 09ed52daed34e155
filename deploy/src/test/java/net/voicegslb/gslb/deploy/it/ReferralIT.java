package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.GslbServer;
import net.voicegslb.gslb.deploy.it.support.ResourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Delegation to lab.voip.example.test: referrals (RFC 1034 4.3.2) with glue, and DS from the parent side (RFC 4035 3.1.4.1). */
class ReferralIT {

    @RegisterExtension
    static final GslbServer SERVER = GslbServer.withConfig("gslb-it.yaml");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"www.lab.voip.example.test, A", "lab.voip.example.test, NS", "lab.voip.example.test, A",
        "ns1.lab.voip.example.test, A", "deep.er.lab.voip.example.test, TXT", "x.lab.voip.example.test, DS"})
    void queriesAtOrBelowTheCutGetAReferralWithGlue(String name, String type) {
        for (DnsReply r : List.of(SERVER.dig().query(name, type), SERVER.kdig().query(name, type))) {
            assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
            assertThat(r.flags()).as("a referral is not authoritative\n%s", r.text()).contains("qr")
                    .doesNotContain("aa", "ra");
            assertThat(r.answer()).as(r.text()).isEmpty();
            assertThat(r.authority()).as(r.text()).extracting(ResourceRecord::toString).containsExactlyInAnyOrder(
                    "lab.voip.example.test. 300 IN NS ns1.lab.voip.example.test.",
                    "lab.voip.example.test. 300 IN NS ns.example.net.");
            assertThat(r.additional()).as(r.text()).extracting(ResourceRecord::toString).containsExactlyInAnyOrder(
                    "ns1.lab.voip.example.test. 300 IN A 192.0.2.100",
                    "ns1.lab.voip.example.test. 300 IN AAAA 2001:db8::100");
        }
    }

    @Test
    void dsAtTheCutIsAnsweredAuthoritativelyFromTheParentSide() {
        for (DnsReply r : List.of(SERVER.dig().query("lab.voip.example.test", "DS"),
                SERVER.kdig().query("lab.voip.example.test", "DS"))) {
            assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
            assertThat(r.flags()).as(r.text()).contains("aa");
            assertThat(r.answerTypes()).as(r.text()).containsExactly("DS");
            assertThat(r.authority()).as(r.text()).extracting(ResourceRecord::type).doesNotContain("NS");
        }
    }

    @Test
    void dsAtACutWithoutDsIsAnAuthoritativeNodataNotAReferral() {
        DnsReply r = SERVER.kdig().query("wide.voip.example.test", "DS");

        NegativeAnswersIT.assertNegative(r, "NOERROR", "voip.example.test.", 60);
    }

    @Test
    void referralOverTcpIsTheSame() {
        DnsReply r = SERVER.dig().query("+tcp", "www.lab.voip.example.test", "A");

        assertThat(r.transport()).as(r.text()).isEqualTo("TCP");
        assertThat(r.flags()).as(r.text()).doesNotContain("aa");
        assertThat(r.authority()).as(r.text()).hasSize(2);
        assertThat(r.additional()).as(r.text()).hasSize(2);
    }

    @Test
    void referralWhoseGlueDoesNotFitIsTruncatedNotStripped() {
        // RFC 9471: all in-domain glue or TC; wide.voip.example.test has 10 name servers with A and AAAA
        DnsReply small = SERVER.dig().query("+ignore", "+noedns", "www.wide.voip.example.test", "A");
        DnsReply edns = SERVER.dig().query("+ignore", "www.wide.voip.example.test", "A");
        DnsReply tcp = SERVER.kdig().query("+tcp", "www.wide.voip.example.test", "A");

        assertThat(small.flags()).as(small.text()).contains("tc");
        for (DnsReply r : List.of(edns, tcp)) {
            assertThat(r.flags()).as(r.text()).doesNotContain("tc", "aa");
            assertThat(r.authority()).as(r.text()).hasSize(10);
            assertThat(r.additional()).as(r.text()).hasSize(20);
        }
    }
}
