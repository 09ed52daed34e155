package net.voicegslb.gslb.dns.gslb;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.voicegslb.gslb.dns.answer.AnswerCompiler;
import net.voicegslb.gslb.dns.answer.AnswerSnapshot;
import net.voicegslb.gslb.dns.answer.DnsResponder;
import net.voicegslb.gslb.dns.codec.ParsedQuery;
import net.voicegslb.gslb.dns.codec.ResponseWriter;
import net.voicegslb.gslb.dns.metrics.QueryMetrics;
import net.voicegslb.gslb.dns.metrics.Transport;
import net.voicegslb.gslb.policy.model.SipTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * NAPTR per client through the real query path: a choice is listed only while the same client's
 * SRV for that transport has a target. Sites as in the lab config, except that (unless a test says
 * otherwise) TLS is on both fra nodes and nowhere else, so the fra nodes decide SIPS+D2T.
 */
class NaptrTransportChoiceTest {

    private static final String NEAR_FRA = "10.1.1.0/24";
    private static final String UNMEASURED = "203.0.113.0/24";
    private static final String SIPS = "SIPS+D2T";
    private static final String SIP_TCP = "SIP+D2T";
    private static final String SIP_UDP = "SIP+D2U";

    @TempDir
    Path dir;
    private GslbLab lab;
    private DnsResponder responder;
    private Object scratch;

    /** TLS on fra-1 and fra-2 only. */
    private static String tlsOnFra(String yaml) {
        return yaml.replace("sip: [udp:5060, tcp:5060], token_file: fra-", "sip: [udp:5060, tcp:5060, tls:5061], token_file: fra-")
                .replace("sip: [udp:5060, tcp:5060, tls:5061], token_file: nyc-1", "sip: [udp:5060, tcp:5060], token_file: nyc-1");
    }

    private void start(java.util.function.UnaryOperator<String> edit) throws Exception {
        lab = new GslbLab(dir, edit);
        AnswerSnapshot snapshot = new AnswerSnapshot(lab.layer.zones(), new AnswerCompiler(), 1000,
                lab.layer.names().byName());
        responder = new DnsResponder(snapshot, new ResponseWriter(1232), new QueryMetrics(new SimpleMeterRegistry()));
        responder.replace(snapshot, new ResponseWriter(1232), lab.layer.queryPath());
        scratch = responder.newScratch();
        lab.beat("fra-1", "fra-2", "nyc-1", "sin-1");
        for (String node : List.of("fra-1", "fra-2")) { // every transport is checked, as sip_check does
            for (SipTransport t : List.of(SipTransport.UDP, SipTransport.TCP)) {
                lab.service.record(lab.engine().onSipCheck(node, t, true, "200 OK", lab.now()));
            }
        }
        lab.measure("fra-1", "fra", NEAR_FRA, 20);
        lab.measure("nyc-1", "nyc", NEAR_FRA, 150);
        lab.measure("sin-1", "sin", NEAR_FRA, 280);
        lab.refresh();
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void tlsDownOnEveryNodeOfTheChosenSiteLeavesSipsOut() throws Exception {
        start(NaptrTransportChoiceTest::tlsOnFra);
        assertThat(services("voip.example.test", NEAR_FRA)).containsExactly(SIPS, SIP_TCP, SIP_UDP);

        fail("fra-1", SipTransport.TLS);
        fail("fra-2", SipTransport.TLS);
        lab.refresh();

        assertThat(services("voip.example.test", NEAR_FRA)).containsExactly(SIP_TCP, SIP_UDP);
        assertThat(srvTargets("_sips._tcp.voip.example.test", NEAR_FRA)).isEmpty();
        assertThat(srvTargets("_sip._udp.voip.example.test", NEAR_FRA)).as("UDP stays")
                .startsWith("fra-1.nodes.voip.example.test.", "fra-2.nodes.voip.example.test.");
        Message m = ask("voip.example.test", Type.NAPTR, NEAR_FRA);
        assertThat(m.getSection(Section.ADDITIONAL)).filteredOn(r -> r.getType() == Type.SRV)
                .extracting(r -> r.getName().toString()).doesNotContain("_sips._tcp.voip.example.test.");
        everyChoiceLeadsToATarget("voip.example.test", NEAR_FRA);
    }

    @Test
    void tlsDownOnOneOfTwoNodesKeepsSipsWithTheOtherAsItsOnlyTarget() throws Exception {
        start(NaptrTransportChoiceTest::tlsOnFra);
        fail("fra-1", SipTransport.TLS);
        lab.refresh();

        assertThat(services("voip.example.test", NEAR_FRA)).containsExactly(SIPS, SIP_TCP, SIP_UDP);
        assertThat(srvTargets("_sips._tcp.voip.example.test", NEAR_FRA))
                .containsExactly("fra-2.nodes.voip.example.test.");
        assertThat(ask("voip.example.test", Type.NAPTR, NEAR_FRA).getSection(Section.ADDITIONAL))
                .filteredOn(r -> r.getType() == Type.SRV && r.getName().toString().startsWith("_sips."))
                .extracting(r -> ((SRVRecord) r).getTarget().toString())
                .containsExactly("fra-2.nodes.voip.example.test.");
    }

    @Test
    void aTransportOnlyALowerRankedSiteServesIsStillAChoiceUntilItFailsThere() throws Exception {
        start(yaml -> yaml); // TLS only on nyc-1, second for this client
        assertThat(services("voip.example.test", NEAR_FRA)).containsExactly(SIPS, SIP_TCP, SIP_UDP);

        fail("nyc-1", SipTransport.TLS);
        lab.refresh();

        assertThat(services("voip.example.test", NEAR_FRA)).containsExactly(SIP_TCP, SIP_UDP);
        assertThat(services("voip.example.test", UNMEASURED)).containsExactly(SIP_TCP, SIP_UDP);
    }

    @Test
    void tenantDomainsFollowTheirOwnSrvAnswers() throws Exception {
        start(NaptrTransportChoiceTest::tlsOnFra);
        assertThat(services("acme.voip.example.test", UNMEASURED)).containsExactly(SIPS, SIP_TCP, SIP_UDP);
        assertThat(ask("acme.voip.example.test", Type.NAPTR, UNMEASURED).getSection(Section.ANSWER))
                .extracting(r -> ((NAPTRRecord) r).getReplacement().toString())
                .containsExactly("_sips._tcp.acme.voip.example.test.", "_sip._tcp.acme.voip.example.test.",
                        "_sip._udp.acme.voip.example.test.");

        fail("fra-1", SipTransport.TLS);
        fail("fra-2", SipTransport.TLS);
        lab.refresh();

        assertThat(services("acme.voip.example.test", UNMEASURED)).containsExactly(SIP_TCP, SIP_UDP);
        assertThat(srvTargets("_sip._udp.acme.voip.example.test", UNMEASURED).get(0))
                .as("the tenant's home site still leads UDP").isEqualTo("sin-1.nodes.voip.example.test.");
        everyChoiceLeadsToATarget("acme.voip.example.test", UNMEASURED);
    }

    @Test
    void whenNoTransportPassesAnywhereNaptrAndSrvFailOpenTogether() throws Exception {
        start(NaptrTransportChoiceTest::tlsOnFra);
        for (String node : List.of("fra-1", "fra-2", "nyc-1", "sin-1")) {
            for (SipTransport t : SipTransport.values()) {
                fail(node, t);
            }
        }
        lab.refresh();
        assertThat(lab.engine().rank("voip.example.test", net.voicegslb.gslb.policy.model.ClientPrefix.parse(NEAR_FRA),
                null, lab.now()).failedOpen()).as("every node down: the service fails open").isTrue();

        List<String> offered = services("voip.example.test", NEAR_FRA);
        assertThat(offered).as("the fail-open answer's nodes on every transport they advertise").isNotEmpty()
                .contains(SIP_UDP);
        assertThat(srvTargets("_sip._udp.voip.example.test", NEAR_FRA)).isNotEmpty();
        everyChoiceLeadsToATarget("voip.example.test", NEAR_FRA);
    }

    @Test
    void explainSaysWhichChoicesAreOfferedAndWhyOneIsLeftOut() throws Exception {
        start(NaptrTransportChoiceTest::tlsOnFra);
        fail("fra-1", SipTransport.TLS);
        fail("fra-2", SipTransport.TLS);
        lab.refresh();
        GslbExplainer explainer = new GslbExplainer(() -> lab.layer, lab.engine(), lab.clock::get);

        ExplainService.Result r = explainer.explain(InetAddress.getByName("10.1.1.0"), 24, "voip.example.test",
                Type.NAPTR);

        assertThat(r.text()).as(r.text())
                .contains("SIPS+D2T -> _sips._tcp.voip.example.test.: left out: no answered node passes the tls check"
                        + " (fra-1: tls down")
                .contains("fra-2: tls down")
                .contains("SIP+D2U -> _sip._udp.voip.example.test.: offered: fra-1, fra-2, nyc-1, sin-1 pass the udp check")
                .doesNotContain("20 50 \"s\" \"SIPS+D2T\"");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> choices = (List<Map<String, Object>>) r.json().get("naptrChoices");
        assertThat(choices).extracting(c -> c.get("service") + "=" + c.get("offered"))
                .containsExactly("SIPS+D2T=false", "SIP+D2T=true", "SIP+D2U=true");
    }

    // ------------------------------------------------------------------ helpers

    /** Enough failed checks to take the transport down (sip fall is 2 by default). */
    private void fail(String node, SipTransport transport) {
        for (int i = 0; i < 3; i++) {
            lab.service.record(lab.engine().onSipCheck(node, transport, false,
                    transport.name().toLowerCase() + " 192.0.2.1:5061: connection refused", lab.now()));
        }
    }

    /** The invariant: a phone that follows any NAPTR choice finds at least one SRV target. */
    private void everyChoiceLeadsToATarget(String domain, String ecs) throws Exception {
        for (Record r : ask(domain, Type.NAPTR, ecs).getSection(Section.ANSWER)) {
            Name srv = ((NAPTRRecord) r).getReplacement();
            assertThat(srvTargets(srv.toString(), ecs)).as("SRV behind %s", ((NAPTRRecord) r).getService())
                    .isNotEmpty();
        }
    }

    private List<String> services(String domain, String ecs) throws Exception {
        return ask(domain, Type.NAPTR, ecs).getSection(Section.ANSWER).stream()
                .map(r -> ((NAPTRRecord) r).getService()).toList();
    }

    private List<String> srvTargets(String name, String ecs) throws Exception {
        return ask(name, Type.SRV, ecs).getSection(Section.ANSWER).stream()
                .map(r -> ((SRVRecord) r).getTarget().toString()).toList();
    }

    private Message ask(String name, int type, String ecs) throws Exception {
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name.endsWith(".") ? name : name + "."), type,
                DClass.IN));
        String[] parts = ecs.split("/");
        EDNSOption opt = new ClientSubnetOption(Integer.parseInt(parts[1]), InetAddress.getByName(parts[0]));
        q.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(opt)), Section.ADDITIONAL);
        ByteBuf out = responder.respond(Unpooled.wrappedBuffer(q.toWire()), new ParsedQuery(), Transport.UDP,
                ByteBufAllocator.DEFAULT, InetAddress.getByName("127.0.0.1"), scratch);
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        out.release();
        return new Message(b);
    }
}
