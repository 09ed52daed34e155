package net.voicegslb.gslb.dns.zone;

import static net.voicegslb.gslb.dns.DnsFixtures.name;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.voicegslb.gslb.dns.DnsFixtures;
import net.voicegslb.gslb.dns.zone.LookupResult.Outcome;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** RFC 1034 4.3.2, RFC 4592 and RFC 2308 cases, one per test, against zones/test.zone. */
class ZoneLookupTest {

    private final ZoneData zone = DnsFixtures.testZone();
    private final ZoneLookup lookup = new ZoneLookup();

    private LookupResult ask(String qname, int type) {
        return lookup.lookup(zone, name(qname + ".voip.example.test"), type);
    }

    private static List<String> rdata(List<Record> records) {
        return records.stream().map(r -> r.getName() + " " + Type.string(r.getType()) + " " + r.rdataToString())
                .toList();
    }

    @Test
    void answersAnExistingRrsetAuthoritatively() {
        LookupResult r = ask("sip", Type.A);
        assertThat(r.outcome()).isEqualTo(Outcome.ANSWER);
        assertThat(r.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(r.authoritative()).isTrue();
        assertThat(rdata(r.answer())).containsExactly("sip.voip.example.test. A 192.0.2.1",
                "sip.voip.example.test. A 192.0.2.2");
        assertThat(r.authority()).isEmpty();
    }

    @Test
    void nodataCarriesTheSoaWithTheNegativeTtl() {
        LookupResult r = ask("mail", Type.AAAA);
        assertThat(r.outcome()).isEqualTo(Outcome.NODATA);
        assertThat(r.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(r.answer()).isEmpty();
        assertThat(r.authority()).singleElement().satisfies(soa -> {
            assertThat(soa.getType()).isEqualTo(Type.SOA);
            assertThat(soa.getTTL()).isEqualTo(60); // min(SOA TTL 300, MINIMUM 60)
        });
    }

    @Test
    void nxdomainCarriesTheSoa() {
        LookupResult r = ask("nope", Type.A);
        assertThat(r.outcome()).isEqualTo(Outcome.NXDOMAIN);
        assertThat(r.rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(r.authority()).extracting(Record::getType).containsExactly(Type.SOA);
    }

    @Test
    void emptyNonTerminalIsNodataNotNxdomain() {
        LookupResult r = ask("b.ent", Type.A);
        assertThat(r.outcome()).isEqualTo(Outcome.NODATA);
        assertThat(ask("ent", Type.A).outcome()).isEqualTo(Outcome.NODATA);
    }

    @Test
    void followsCnameChainsInsideTheZone() {
        LookupResult r = ask("pbx", Type.AAAA);
        assertThat(r.outcome()).isEqualTo(Outcome.CNAME);
        assertThat(rdata(r.answer())).containsExactly(
                "pbx.voip.example.test. CNAME alias.voip.example.test.",
                "alias.voip.example.test. CNAME sip.voip.example.test.",
                "sip.voip.example.test. AAAA 2001:db8:0:0:0:0:0:1");
    }

    @Test
    void cnameQuestionGetsTheCnameItself() {
        assertThat(rdata(ask("pbx", Type.CNAME).answer()))
                .containsExactly("pbx.voip.example.test. CNAME alias.voip.example.test.");
    }

    @Test
    void danglingCnameTakesTheRcodeOfItsTarget() {
        LookupResult r = ask("dangling", Type.A);
        assertThat(r.rcode()).isEqualTo(Rcode.NXDOMAIN); // RFC 6604
        assertThat(r.answer()).extracting(Record::getType).containsExactly(Type.CNAME);
        assertThat(r.authority()).extracting(Record::getType).containsExactly(Type.SOA);
    }

    @Test
    void cnameOutOfTheZoneStopsThere() {
        LookupResult r = ask("away", Type.A);
        assertThat(r.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(r.answer()).extracting(Record::getType).containsExactly(Type.CNAME);
        assertThat(r.authority()).isEmpty();
    }

    @Test
    void cnameLoopEnds() {
        LookupResult r = ask("loop1", Type.A);
        assertThat(r.answer()).extracting(Record::getType).containsOnly(Type.CNAME);
        assertThat(r.answer()).hasSizeLessThanOrEqualTo(ZoneLookup.MAX_CNAME_CHAIN);
    }

    @Test
    void wildcardSynthesizesWithTheQueryName() {
        LookupResult r = ask("anything.wild", Type.A);
        assertThat(r.outcome()).isEqualTo(Outcome.WILDCARD);
        assertThat(rdata(r.answer())).containsExactly("anything.wild.voip.example.test. A 192.0.2.77");
        assertThat(rdata(ask("deep.er.wild", Type.TXT).answer()))
                .containsExactly("deep.er.wild.voip.example.test. TXT \"wild\"");
    }

    @Test
    void wildcardWithoutTheTypeIsNodata() {
        LookupResult r = ask("anything.wild", Type.AAAA);
        assertThat(r.outcome()).isEqualTo(Outcome.NODATA);
        assertThat(r.rcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void wildcardDoesNotCoverExistingNamesOrTheirDescendants() {
        // RFC 4592 section 2.2.2: "sub.wild" exists (an empty non-terminal), so it is the closest
        // encloser of x.sub.wild and there is no *.sub.wild: NXDOMAIN.
        assertThat(ask("sub.wild", Type.A).outcome()).isEqualTo(Outcome.NODATA);
        assertThat(ask("x.sub.wild", Type.A).outcome()).isEqualTo(Outcome.NXDOMAIN);
        assertThat(rdata(ask("host.sub.wild", Type.A).answer()))
                .containsExactly("host.sub.wild.voip.example.test. A 192.0.2.78");
    }

    @Test
    void wildcardCnameIsFollowed() {
        LookupResult r = ask("x.cn", Type.A);
        assertThat(rdata(r.answer())).containsExactly("x.cn.voip.example.test. CNAME sip.voip.example.test.",
                "sip.voip.example.test. A 192.0.2.1", "sip.voip.example.test. A 192.0.2.2");
    }

    @Test
    void theWildcardOwnerItselfIsAnOrdinaryName() {
        assertThat(rdata(ask("*.wild", Type.A).answer())).containsExactly("*.wild.voip.example.test. A 192.0.2.77");
    }

    @Test
    void namesAtAndBelowACutGetAReferralWithGlue() {
        for (String q : List.of("child", "www.child", "ns.child")) {
            LookupResult r = ask(q, Type.A);
            assertThat(r.outcome()).as(q).isEqualTo(Outcome.REFERRAL);
            assertThat(r.authoritative()).isFalse();
            assertThat(r.answer()).isEmpty();
            assertThat(r.authority()).extracting(Record::getType).containsOnly(Type.NS).hasSize(2);
            assertThat(rdata(r.additional())).containsExactly("ns.child.voip.example.test. A 192.0.2.100");
            assertThat(r.additionalRequired()).isTrue();
        }
    }

    @Test
    void dsAtTheCutIsAnsweredByTheParentSide() {
        LookupResult r = ask("child", Type.DS);
        assertThat(r.outcome()).isEqualTo(Outcome.NODATA);
        assertThat(r.authoritative()).isTrue();
    }

    @Test
    void additionalSectionHoldsTargetAddresses() {
        LookupResult srv = ask("_sip._udp", Type.SRV);
        assertThat(srv.additional()).extracting(Record::getType).containsExactly(Type.A, Type.A, Type.AAAA);
        LookupResult mx = lookup.lookup(zone, DnsFixtures.ORIGIN, Type.MX);
        assertThat(rdata(mx.additional())).containsExactly("mail.voip.example.test. A 192.0.2.25");
        LookupResult ns = lookup.lookup(zone, DnsFixtures.ORIGIN, Type.NS);
        assertThat(ns.additional()).extracting(Record::getType).containsExactly(Type.A, Type.AAAA);
        LookupResult naptr = lookup.lookup(zone, DnsFixtures.ORIGIN, Type.NAPTR);
        assertThat(naptr.additional()).extracting(Record::getType).containsExactly(Type.SRV, Type.A, Type.A, Type.AAAA);
    }

    @Test
    void anyGetsOneRrset() {
        LookupResult r = lookup.lookup(zone, DnsFixtures.ORIGIN, Type.ANY);
        assertThat(r.answer()).extracting(Record::getType).containsOnly(Type.SOA);
        assertThat(ask("sip", Type.ANY).answer()).extracting(Record::getType).containsOnly(Type.A);
        assertThat(ask("pbx", Type.ANY).answer()).extracting(Record::getType).containsOnly(Type.CNAME);
    }

    @Test
    void namesOutsideTheZoneAreRefused() {
        LookupResult r = lookup.lookup(zone, name("example.com"), Type.A);
        assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(r.rcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void lettersCaseDoesNotMatter() {
        assertThat(lookup.lookup(zone, name("SIP.Voip.Example.TEST"), Type.A).answer()).hasSize(2);
    }

    @Test
    void cnameIntoAWildcardIsFollowedToTheSynthesizedRecord() {
        LookupResult r = ask("towild", Type.A);
        assertThat(rdata(r.answer())).containsExactly("towild.voip.example.test. CNAME foo.wild.voip.example.test.",
                "foo.wild.voip.example.test. A 192.0.2.77");
    }

    @Test
    void cnameIntoADelegationEndsWithTheReferral() {
        LookupResult r = ask("tochild", Type.A);
        assertThat(r.authoritative()).isTrue();
        assertThat(r.answer()).extracting(Record::getType).containsExactly(Type.CNAME);
        assertThat(r.authority()).extracting(Record::getType).containsOnly(Type.NS);
        assertThat(r.additional()).extracting(Record::getType).containsExactly(Type.A);
        assertThat(r.additionalRequired()).isTrue();
    }
}
