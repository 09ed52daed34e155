package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.GslbServer;
import net.voicegslb.gslb.deploy.it.support.ResourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 4592 wildcards (synthesis, closest encloser, empty non-terminals) and CNAME chains followed
 * inside the zone (RFC 1034 4.3.2, RFC 6604: the rcode is that of the last name).
 */
class WildcardAndCnameIT {

    @RegisterExtension
    static final GslbServer SERVER = GslbServer.withConfig("gslb-it.yaml");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x.tenants.voip.example.test", "Acme-2.tenants.voip.example.test",
        "a.b.tenants.voip.example.test"})
    void wildcardSynthesisesTheRecordAtTheQueryName(String name) {
        for (DnsReply r : List.of(SERVER.dig().query(name, "A"), SERVER.kdig().query(name, "A"))) {
            assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
            assertThat(r.flags()).as(r.text()).contains("aa");
            assertThat(r.answer()).as(r.text()).singleElement().satisfies(rr -> {
                assertThat(rr.owner()).isEqualToIgnoringCase(name + ".");
                assertThat(rr.type()).isEqualTo("A");
                assertThat(rr.rdata()).isEqualTo("192.0.2.7");
                assertThat(rr.ttl()).isEqualTo(30);
            });
        }
    }

    @Test
    void wildcardMatchWithAnotherTypeIsNodata() {
        DnsReply r = SERVER.dig().query("x.tenants.voip.example.test", "AAAA");

        NegativeAnswersIT.assertNegative(r, "NOERROR", "voip.example.test.", 60);
    }

    @Test
    void anExistingNameIsNotCoveredByTheWildcard() {
        DnsReply a = SERVER.dig().query("acme.tenants.voip.example.test", "A");
        DnsReply aaaa = SERVER.dig().query("acme.tenants.voip.example.test", "AAAA");

        assertThat(a.answerRdata()).as(a.text()).containsExactly("192.0.2.8");
        NegativeAnswersIT.assertNegative(aaaa, "NOERROR", "voip.example.test.", 60);
    }

    @Test
    void belowAnExistingNameTheClosestEncloserHasNoWildcardSoNxdomain() {
        DnsReply r = SERVER.dig().query("x.acme.tenants.voip.example.test", "A");

        NegativeAnswersIT.assertNegative(r, "NXDOMAIN", "voip.example.test.", 60);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ent.tenants.voip.example.test", "tenants.voip.example.test",
        "_udp.voip.example.test", "pool.voip.example.test"})
    void emptyNonTerminalIsNodataNotWildcardNorNxdomain(String name) {
        for (DnsReply r : List.of(SERVER.dig().query(name, "A"), SERVER.kdig().query(name, "A"))) {
            NegativeAnswersIT.assertNegative(r, "NOERROR", "voip.example.test.", 60);
        }
    }

    @Test
    void belowAnEmptyNonTerminalIsNxdomain() {
        DnsReply r = SERVER.dig().query("x.ent.tenants.voip.example.test", "A");

        NegativeAnswersIT.assertNegative(r, "NXDOMAIN", "voip.example.test.", 60);
    }

    @Test
    void theWildcardOwnerItselfCanBeQueried() {
        DnsReply r = SERVER.dig().query("*.tenants.voip.example.test", "A");

        assertThat(r.answer()).as(r.text()).extracting(ResourceRecord::toString)
                .containsExactly("*.tenants.voip.example.test. 30 IN A 192.0.2.7");
    }

    @Test
    void twoHopChainIsFollowedToTheAddress() {
        for (DnsReply r : List.of(SERVER.dig().query("portal.voip.example.test", "A"),
                SERVER.kdig().query("portal.voip.example.test", "A"))) {
            assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
            assertThat(r.flags()).as(r.text()).contains("aa");
            assertThat(r.answer()).as(r.text()).extracting(ResourceRecord::toString).containsExactly(
                    "portal.voip.example.test. 300 IN CNAME pbx.voip.example.test.",
                    "pbx.voip.example.test. 300 IN CNAME sip.voip.example.test.",
                    "sip.voip.example.test. 30 IN A 192.0.2.1");
        }
    }

    @Test
    void chainToATypeTheTargetLacksEndsInNodataWithSoa() {
        DnsReply r = SERVER.dig().query("portal.voip.example.test", "TXT");

        assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
        assertThat(r.answer()).as(r.text()).extracting(ResourceRecord::type).containsExactly("CNAME", "CNAME");
        assertThat(r.authority()).as(r.text()).extracting(ResourceRecord::type).containsExactly("SOA");
    }

    @Test
    void chainToAMissingInZoneNameIsNxdomainWithTheCname() {
        DnsReply r = SERVER.dig().query("dangling.voip.example.test", "A");

        assertThat(r.status()).as(r.text()).isEqualTo("NXDOMAIN");
        assertThat(r.flags()).as(r.text()).contains("aa");
        assertThat(r.answer()).as(r.text()).extracting(ResourceRecord::toString)
                .containsExactly("dangling.voip.example.test. 300 IN CNAME gone.voip.example.test.");
        assertThat(r.authority()).as(r.text()).singleElement()
                .satisfies(rr -> assertThat(rr.type() + " " + rr.ttl()).isEqualTo("SOA 60"));
    }

    @Test
    void chainLeavingTheZoneStopsAtTheCname() {
        DnsReply r = SERVER.dig().query("external.voip.example.test", "A");

        assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
        assertThat(r.flags()).as(r.text()).contains("aa");
        assertThat(r.answer()).as(r.text()).extracting(ResourceRecord::toString)
                .containsExactly("external.voip.example.test. 300 IN CNAME sip.example.net.");
        assertThat(r.authority()).as("no SOA: the server cannot speak for sip.example.net\n%s", r.text()).isEmpty();
    }

    @Test
    void askingForTheCnameItselfIsNotFollowed() {
        DnsReply r = SERVER.kdig().query("portal.voip.example.test", "CNAME");

        assertThat(r.answer()).as(r.text()).extracting(ResourceRecord::toString)
                .containsExactly("portal.voip.example.test. 300 IN CNAME pbx.voip.example.test.");
    }

    @Test
    void chainIsPreservedInTheQueryCase() {
        DnsReply r = SERVER.dig().query("PoRtAl.voip.example.test", "A");

        assertThat(r.answer()).as(r.text()).first()
                .satisfies(rr -> assertThat(rr.owner()).isEqualTo("PoRtAl.voip.example.test."));
        assertThat(r.answer()).as(r.text()).last().satisfies(rr -> assertThat(rr.rdata()).isEqualTo("192.0.2.1"));
    }

    @Test
    void chainIntoAWildcardIsFollowedToTheSynthesisedRecord() {
        // towild CNAME foo.tenants, and *.tenants A 192.0.2.7 covers foo.tenants
        for (DnsReply r : List.of(SERVER.dig().query("towild.voip.example.test", "A"),
                SERVER.kdig().query("towild.voip.example.test", "A"))) {
            assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
            assertThat(r.flags()).as(r.text()).contains("aa");
            assertThat(r.answer()).as("a CNAME with the SOA alone reads as NODATA for foo.tenants (RFC 2308 2.2)\n%s",
                    r.text()).extracting(ResourceRecord::toString).containsExactly(
                    "towild.voip.example.test. 300 IN CNAME foo.tenants.voip.example.test.",
                    "foo.tenants.voip.example.test. 30 IN A 192.0.2.7");
            assertThat(r.authority()).as(r.text()).isEmpty();
        }
    }

    @Test
    void chainIntoAWildcardForATypeItLacksIsNodataAfterTheCname() {
        DnsReply r = SERVER.dig().query("towild.voip.example.test", "AAAA");

        assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
        assertThat(r.answerTypes()).as(r.text()).containsExactly("CNAME");
        assertThat(r.authority()).as(r.text()).extracting(ResourceRecord::type).containsExactly("SOA");
    }

    @Test
    void chainForATypeThatExistsNowhereInTheZoneEndsInNodata() {
        for (DnsReply r : List.of(SERVER.dig().query("portal.voip.example.test", "TYPE65534"),
                SERVER.kdig().query("towild.voip.example.test", "TYPE65534"))) {
            assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
            assertThat(r.answer()).as(r.text()).isNotEmpty().allSatisfy(rr -> assertThat(rr.type()).isEqualTo("CNAME"));
            assertThat(r.authority()).as(r.text()).extracting(ResourceRecord::type).containsExactly("SOA");
        }
    }

    @Test
    void chainThroughASynthesisedWildcardCname() {
        DnsReply r = SERVER.dig().query("towild2.voip.example.test", "AAAA");

        assertThat(r.answer()).as(r.text()).extracting(ResourceRecord::toString).containsExactly(
                "towild2.voip.example.test. 300 IN CNAME x.alias.voip.example.test.",
                "x.alias.voip.example.test. 300 IN CNAME sip.voip.example.test.",
                "sip.voip.example.test. 30 IN AAAA 2001:db8::1");
    }

    @Test
    void wildcardCnameIsSynthesisedAndFollowed() {
        DnsReply r = SERVER.dig().query("anything.alias.voip.example.test", "A");

        assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
        assertThat(r.answer()).as(r.text()).extracting(ResourceRecord::toString).containsExactly(
                "anything.alias.voip.example.test. 300 IN CNAME sip.voip.example.test.",
                "sip.voip.example.test. 30 IN A 192.0.2.1");
    }

    @Test
    void cnameLoopIsAnsweredWithoutLooping() {
        DnsReply r = SERVER.dig().query("loop1.voip.example.test", "A");

        assertThat(r.status()).as(r.text()).isIn("NOERROR", "SERVFAIL");
        assertThat(r.answer()).as(r.text()).isNotEmpty().hasSizeLessThanOrEqualTo(20)
                .allSatisfy(rr -> assertThat(rr.type()).isEqualTo("CNAME"));
        assertThat(r.answer().get(0).owner()).as(r.text()).isEqualTo("loop1.voip.example.test.");
        assertThat(SERVER.process().isAlive()).isTrue();
    }

    @Test
    void chainIntoTheDelegatedChildEndsWithItsReferral() {
        // RFC 1034 4.3.2 step 3b: when the CNAME target lies below a cut, the NS of the cut go to authority
        DnsReply r = SERVER.dig().query("tochild.voip.example.test", "A");

        assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
        assertThat(r.answer()).as(r.text()).extracting(ResourceRecord::toString)
                .containsExactly("tochild.voip.example.test. 300 IN CNAME www.lab.voip.example.test.");
        assertThat(r.authority()).as(r.text()).extracting(ResourceRecord::toString).containsExactlyInAnyOrder(
                "lab.voip.example.test. 300 IN NS ns1.lab.voip.example.test.",
                "lab.voip.example.test. 300 IN NS ns.example.net.");
        assertThat(r.additional()).as(r.text()).extracting(ResourceRecord::type).contains("A", "AAAA");
    }
}
