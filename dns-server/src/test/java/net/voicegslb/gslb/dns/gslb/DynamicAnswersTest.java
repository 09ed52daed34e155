package net.voicegslb.gslb.dns.gslb;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.voicegslb.gslb.dns.answer.AnswerCompiler;
import net.voicegslb.gslb.dns.answer.AnswerSnapshot;
import net.voicegslb.gslb.dns.answer.DnsResponder;
import net.voicegslb.gslb.dns.codec.ParsedQuery;
import net.voicegslb.gslb.dns.codec.ResponseWriter;
import net.voicegslb.gslb.dns.metrics.QueryMetrics;
import net.voicegslb.gslb.dns.metrics.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Dynamic answers through the real query path: bytes in, bytes out, policy fed by hand. */
class DynamicAnswersTest {

    private static final String NEAR_FRA = "10.1.1.0/24";
    private static final String NEAR_NYC = "10.2.2.0/24";

    @TempDir
    Path dir;
    private GslbLab lab;
    private DnsResponder responder;
    private Object scratch;

    @BeforeEach
    void setUp() throws Exception {
        lab = new GslbLab(dir);
        AnswerSnapshot snapshot = new AnswerSnapshot(lab.layer.zones(), new AnswerCompiler(), 1000,
                lab.layer.names().byName());
        responder = new DnsResponder(snapshot, new ResponseWriter(1232), new QueryMetrics(new SimpleMeterRegistry()));
        responder.replace(snapshot, new ResponseWriter(1232), lab.layer.queryPath());
        scratch = responder.newScratch();
        lab.beat("fra-1", "fra-2", "nyc-1", "sin-1");
        for (String p : List.of(NEAR_FRA, NEAR_NYC)) {
            boolean fra = p.equals(NEAR_FRA);
            lab.measure("fra-1", "fra", p, fra ? 20 : 150);
            lab.measure("nyc-1", "nyc", p, fra ? 150 : 20);
            lab.measure("sin-1", "sin", p, 280);
        }
        lab.refresh();
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    private Message ask(String name, int type, String ecs, String resolver) throws Exception {
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN));
        if (ecs != null) {
            String[] parts = ecs.split("/");
            EDNSOption opt = new ClientSubnetOption(Integer.parseInt(parts[1]), InetAddress.getByName(parts[0]));
            q.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(opt)), Section.ADDITIONAL);
        }
        ByteBuf out = responder.respond(Unpooled.wrappedBuffer(q.toWire()), new ParsedQuery(), Transport.UDP,
                ByteBufAllocator.DEFAULT, InetAddress.getByName(resolver), scratch);
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        out.release();
        return new Message(b);
    }

    private static List<String> rdata(Message m, int section) {
        return m.getSection(section).stream().map(r -> r.rdataToString()).toList();
    }

    private static int scope(Message m) {
        OPTRecord opt = m.getOPT();
        return opt.getOptions(EDNSOption.Code.CLIENT_SUBNET).stream()
                .map(o -> ((ClientSubnetOption) o).getScopePrefixLength()).findFirst().orElse(-1);
    }

    @Test
    void eachPrefixGetsItsBestSiteWithTheScopeTheDecisionUsed() throws Exception {
        Message fra = ask("sip.voip.example.test", Type.A, NEAR_FRA, "127.0.0.1");
        assertThat(rdata(fra, Section.ANSWER)).containsExactlyInAnyOrder("192.0.2.11", "192.0.2.12");
        assertThat(scope(fra)).isEqualTo(24);
        assertThat(fra.getHeader().getFlag(org.xbill.DNS.Flags.AA)).isTrue();

        Message nyc = ask("sip.voip.example.test", Type.A, NEAR_NYC, "127.0.0.1");
        assertThat(rdata(nyc, Section.ANSWER)).containsExactly("192.0.2.21");
        assertThat(scope(nyc)).isEqualTo(24);
    }

    @Test
    void withoutEcsTheResolverAddressDecidesAndNoOptionIsSent() throws Exception {
        Message m = ask("sip.voip.example.test", Type.A, null, "10.2.2.53");
        assertThat(rdata(m, Section.ANSWER)).containsExactly("192.0.2.21");
        assertThat(m.getOPT()).isNull();
    }

    @Test
    void srvListsEverySiteInRankOrderWithTargetAddresses() throws Exception {
        Message m = ask("_sip._udp.voip.example.test", Type.SRV, NEAR_FRA, "127.0.0.1");
        List<SRVRecord> srv = m.getSection(Section.ANSWER).stream().map(SRVRecord.class::cast).toList();
        assertThat(srv).extracting(r -> r.getTarget().toString() + " " + r.getPriority()).containsExactly(
                "fra-1.nodes.voip.example.test. 10", "fra-2.nodes.voip.example.test. 10",
                "nyc-1.nodes.voip.example.test. 20", "sin-1.nodes.voip.example.test. 30");
        assertThat(srv).allSatisfy(r -> assertThat(r.getWeight()).isBetween(1, 100));
        assertThat(m.getSection(Section.ADDITIONAL).stream().filter(r -> r.getType() == Type.A)
                .map(r -> r.getName() + " " + r.rdataToString()).toList()).contains(
                "fra-1.nodes.voip.example.test. 192.0.2.11", "nyc-1.nodes.voip.example.test. 192.0.2.21",
                "sin-1.nodes.voip.example.test. 192.0.2.31");
        assertThat(scope(m)).isEqualTo(24);
    }

    @Test
    void srvPerTransportOnlyNamesNodesOfferingIt() throws Exception {
        List<String> tcp = ask("_sip._tcp.voip.example.test", Type.SRV, NEAR_NYC, "127.0.0.1")
                .getSection(Section.ANSWER).stream().map(r -> ((SRVRecord) r).getTarget().toString()).toList();
        assertThat(tcp).containsExactly("nyc-1.nodes.voip.example.test.", "fra-1.nodes.voip.example.test.",
                "fra-2.nodes.voip.example.test.");
        List<String> tls = ask("_sips._tcp.voip.example.test", Type.SRV, NEAR_FRA, "127.0.0.1")
                .getSection(Section.ANSWER).stream().map(r -> ((SRVRecord) r).getPort() + " " + ((SRVRecord) r)
                        .getTarget()).toList();
        assertThat(tls).containsExactly("5061 nyc-1.nodes.voip.example.test.");
    }

    @Test
    void naptrFollowsRfc3263AndReplacesTheZoneFilesSet() throws Exception {
        Message m = ask("voip.example.test", Type.NAPTR, NEAR_FRA, "127.0.0.1");
        // fra has no TLS node, but nyc-1 is in this client's _sips._tcp SRV at priority 20
        assertThat(rdata(m, Section.ANSWER)).containsExactly(
                "10 50 \"s\" \"SIPS+D2T\" \"\" _sips._tcp.voip.example.test.",
                "20 50 \"s\" \"SIP+D2T\" \"\" _sip._tcp.voip.example.test.",
                "30 50 \"s\" \"SIP+D2U\" \"\" _sip._udp.voip.example.test.");
        assertThat(scope(m)).as("the set depends on the client's SRV answers").isEqualTo(24);
        // RFC 3403 4.2: the SRV records behind the choices, as this client gets them, then addresses
        assertThat(m.getSection(Section.ADDITIONAL).stream().filter(r -> r.getType() == Type.SRV)
                .map(r -> r.getName() + " " + ((SRVRecord) r).getTarget()).toList()).contains(
                "_sips._tcp.voip.example.test. nyc-1.nodes.voip.example.test.",
                "_sip._udp.voip.example.test. fra-1.nodes.voip.example.test.");
        assertThat(m.getSection(Section.ADDITIONAL).stream().filter(r -> r.getType() == Type.A)
                .map(r -> r.getName().toString()).toList()).contains("nyc-1.nodes.voip.example.test.");
    }

    /** The design's deadline: heartbeat_interval x missed_heartbeats = 3 s after the last heartbeat, to the ms. */
    @Test
    void deadSiteLeavesEveryAnswerOnceItsHeartbeatsStop() throws Exception {
        for (int i = 0; i < 3; i++) {
            lab.advance(1000);
            lab.beat("nyc-1", "sin-1");
        }
        // exactly 3 s after fra's last heartbeat: not late yet
        lab.service.record(lab.engine().tick(lab.now()));
        lab.refresh();
        assertThat(rdata(ask("sip.voip.example.test", Type.A, NEAR_FRA, "127.0.0.1"), Section.ANSWER))
                .as("fra at the deadline itself").containsExactlyInAnyOrder("192.0.2.11", "192.0.2.12");
        lab.advance(1); // 3.001 s: past it
        lab.service.record(lab.engine().tick(lab.now()));
        lab.refresh();
        Message a = ask("sip.voip.example.test", Type.A, NEAR_FRA, "127.0.0.1");
        assertThat(rdata(a, Section.ANSWER)).containsExactly("192.0.2.21");
        assertThat(a.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(5); // in transition
        Message srv = ask("_sip._udp.voip.example.test", Type.SRV, NEAR_FRA, "127.0.0.1");
        assertThat(srv.getSection(Section.ANSWER)).extracting(r -> ((SRVRecord) r).getTarget().toString())
                .containsExactly("nyc-1.nodes.voip.example.test.", "sin-1.nodes.voip.example.test.");
    }

    @Test
    void deadSiteIsGoneEvenBeforeTheNextRefresh() throws Exception {
        ask("sip.voip.example.test", Type.A, NEAR_FRA, "127.0.0.1"); // the key joins the table
        lab.refresh();
        for (int i = 0; i < 3; i++) {
            lab.advance(1000);
            lab.beat("nyc-1", "sin-1");
        }
        assertThat(rdata(ask("sip.voip.example.test", Type.A, NEAR_FRA, "127.0.0.1"), Section.ANSWER))
                .as("fra at the deadline itself").containsExactlyInAnyOrder("192.0.2.11", "192.0.2.12");
        lab.advance(1);
        // No tick, no refresh: the precomputed answer carries the heartbeat deadline and expires itself.
        assertThat(rdata(ask("sip.voip.example.test", Type.A, NEAR_FRA, "127.0.0.1"), Section.ANSWER))
                .containsExactly("192.0.2.21");
    }

    @Test
    void equalNodesOfTheBestSiteAreRotated() throws Exception {
        Set<String> firsts = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            firsts.add(rdata(ask("sip.voip.example.test", Type.A, NEAR_FRA, "127.0.0.1"), Section.ANSWER).get(0));
        }
        assertThat(firsts).containsExactlyInAnyOrder("192.0.2.11", "192.0.2.12");
    }

    @Test
    void aaaaComesFromTheBestSiteThatHasIpv6() throws Exception {
        assertThat(rdata(ask("sip.voip.example.test", Type.AAAA, NEAR_FRA, "127.0.0.1"), Section.ANSWER))
                .containsExactly("2001:db8:0:0:0:0:0:11");
        // nyc is best for this prefix but has no IPv6 node: the next site with one answers
        assertThat(rdata(ask("sip.voip.example.test", Type.AAAA, NEAR_NYC, "127.0.0.1"), Section.ANSWER))
                .containsExactly("2001:db8:0:0:0:0:0:11");
    }

    @Test
    void tenantNamesPreferTheTenantsHomeSite() throws Exception {
        // An unmeasured client: only the home preference and configured order separate the sites.
        Message m = ask("acme.voip.example.test", Type.A, "203.0.113.0/24", "127.0.0.1");
        assertThat(rdata(m, Section.ANSWER)).containsExactly("192.0.2.31");
        Message srv = ask("_sip._udp.acme.voip.example.test", Type.SRV, "203.0.113.0/24", "127.0.0.1");
        assertThat(((SRVRecord) srv.getSection(Section.ANSWER).get(0)).getTarget().toString())
                .isEqualTo("sin-1.nodes.voip.example.test.");
        assertThat(rdata(ask("acme.voip.example.test", Type.NAPTR, null, "127.0.0.1"), Section.ANSWER))
                .contains("30 50 \"s\" \"SIP+D2U\" \"\" _sip._udp.acme.voip.example.test.");
    }

    @Test
    void otherTypesAndParentsOfDynamicNamesBehaveLikeZoneNames() throws Exception {
        Message txt = ask("sip.voip.example.test", Type.TXT, null, "127.0.0.1");
        assertThat(txt.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(txt.getSection(Section.ANSWER)).isEmpty();
        assertThat(txt.getSection(Section.AUTHORITY)).extracting(Record::getType).containsExactly(Type.SOA);
        Message ent = ask("_udp.voip.example.test", Type.A, null, "127.0.0.1");
        assertThat(ent.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(ask("nothere.voip.example.test", Type.A, null, "127.0.0.1").getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(rdata(ask("fra-2.nodes.voip.example.test", Type.A, null, "127.0.0.1"), Section.ANSWER))
                .containsExactly("192.0.2.12");
    }

    @Test
    void steadyStateUsesTheConfiguredTtl() throws Exception {
        for (int i = 0; i < 31; i++) { // past the transition window, heartbeats kept up
            lab.advance(1000);
            lab.beat("fra-1", "fra-2", "nyc-1", "sin-1");
        }
        lab.refresh();
        Message m = ask("sip.voip.example.test", Type.A, NEAR_FRA, "127.0.0.1");
        assertThat(m.getSection(Section.ANSWER)).allSatisfy(r -> assertThat(r.getTTL()).isEqualTo(20));
    }
}
