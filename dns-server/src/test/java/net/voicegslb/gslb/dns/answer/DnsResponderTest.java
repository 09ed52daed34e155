package net.voicegslb.gslb.dns.answer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import net.voicegslb.gslb.dns.DnsFixtures;
import net.voicegslb.gslb.dns.codec.ParsedQuery;
import net.voicegslb.gslb.dns.codec.ResponseWriter;
import net.voicegslb.gslb.dns.metrics.QueryMetrics;
import net.voicegslb.gslb.dns.metrics.Transport;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The whole query path on bytes: queries built with dnsjava (trusted, test side), answers parsed back. */
class DnsResponderTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DnsResponder responder = new DnsResponder(DnsFixtures.testSnapshot(), new ResponseWriter(1232),
            new QueryMetrics(registry));

    private byte[] raw(byte[] query, Transport t) {
        ByteBuf out = responder.respond(Unpooled.wrappedBuffer(query), new ParsedQuery(), t, ByteBufAllocator.DEFAULT);
        if (out == null) {
            return null;
        }
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        out.release();
        return b;
    }

    private Message ask(Message query, Transport t) throws Exception {
        return new Message(raw(query.toWire(), t));
    }

    private static Message query(String name, int type) {
        Message m = Message.newQuery(Record.newRecord(DnsFixtures.name(name), type, DClass.IN));
        m.getHeader().setID(0x4242);
        return m;
    }

    private static Message ednsQuery(String name, int type, int size, EDNSOption... options) {
        Message m = query(name, type);
        m.addRecord(new OPTRecord(size, 0, 0, 0, java.util.List.of(options)), Section.ADDITIONAL);
        return m;
    }

    @Test
    void goldenBytesOfAPlainAnswer() {
        byte[] response = raw(HexFormat.of().parseHex(
                "beef010000010000000000000373697004766f6970076578616d706c650474657374000001" + "0001"), Transport.UDP);
        assertThat(HexFormat.of().formatHex(response)).isEqualTo(
                "beef850000010002000000000373697004766f6970076578616d706c650474657374000001" + "0001"
                        + "c00c00010001" + "0000001e" + "0004" + "c0000201"
                        + "c00c00010001" + "0000001e" + "0004" + "c0000202");
    }

    @Test
    void echoesIdQuestionCaseAndRdWithAaSetAndRaClear() throws Exception {
        Message r = ask(query("SiP.VoIp.Example.TEST", Type.A), Transport.UDP);
        assertThat(r.getHeader().getID()).isEqualTo(0x4242);
        assertThat(r.getHeader().getFlag(Flags.QR)).isTrue();
        assertThat(r.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(r.getHeader().getFlag(Flags.RD)).isTrue();
        assertThat(r.getHeader().getFlag(Flags.RA)).isFalse();
        assertThat(r.getQuestion().getName().toString()).isEqualTo("SiP.VoIp.Example.TEST.");
        assertThat(r.getSection(Section.ANSWER)).hasSize(2)
                .allSatisfy(a -> assertThat(a.getName().toString()).isEqualTo("SiP.VoIp.Example.TEST."));
        assertThat(r.getOPT()).isNull();
    }

    @Test
    void rdClearStaysClear() throws Exception {
        Message q = query("sip.voip.example.test", Type.A);
        q.getHeader().unsetFlag(Flags.RD);
        assertThat(ask(q, Transport.UDP).getHeader().getFlag(Flags.RD)).isFalse();
    }

    @Test
    void nxdomainAndNodataCarryTheSoa() throws Exception {
        Message nx = ask(query("nope.voip.example.test", Type.A), Transport.UDP);
        assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(nx.getSection(Section.AUTHORITY)).extracting(Record::getType).containsExactly(Type.SOA);
        assertThat(nx.getSection(Section.AUTHORITY).get(0).getTTL()).isEqualTo(60);
        Message nodata = ask(query("sip.voip.example.test", Type.TXT), Transport.UDP);
        assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
        assertThat(nodata.getSection(Section.AUTHORITY)).extracting(Record::getType).containsExactly(Type.SOA);
    }

    @Test
    void wildcardAnswersCarryTheQueryName() throws Exception {
        Message r = ask(query("Some.Wild.voip.example.test", Type.A), Transport.UDP);
        assertThat(r.getSection(Section.ANSWER)).singleElement()
                .satisfies(a -> assertThat(a.getName().toString()).isEqualTo("Some.Wild.voip.example.test."));
    }

    @Test
    void referralIsNotAuthoritative() throws Exception {
        Message r = ask(query("www.child.voip.example.test", Type.A), Transport.UDP);
        assertThat(r.getHeader().getFlag(Flags.AA)).isFalse();
        assertThat(r.getSection(Section.AUTHORITY)).extracting(Record::getType).containsOnly(Type.NS);
        assertThat(r.getSection(Section.ADDITIONAL)).extracting(Record::getType).containsExactly(Type.A);
    }

    @Test
    void refusesNamesOutsideTheZonesOtherClassesAndTransfers() throws Exception {
        assertThat(ask(query("example.com", Type.A), Transport.UDP).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(ask(query("test", Type.A), Transport.UDP).getRcode()).isEqualTo(Rcode.REFUSED);
        Message ch = Message.newQuery(Record.newRecord(Name.fromString("version.bind."), Type.TXT, DClass.CH));
        assertThat(ask(ch, Transport.UDP).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(ask(query("voip.example.test", Type.AXFR), Transport.TCP).getRcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void notimpForOtherOpcodes() throws Exception {
        Message q = query("voip.example.test", Type.SOA);
        q.getHeader().setOpcode(Opcode.NOTIFY);
        Message r = ask(q, Transport.UDP);
        assertThat(r.getRcode()).isEqualTo(Rcode.NOTIMP);
        assertThat(r.getHeader().getOpcode()).isEqualTo(Opcode.NOTIFY);
        assertThat(r.getOPT()).isNull();
        q.addRecord(new OPTRecord(1232, 0, 0, 0), Section.ADDITIONAL);
        assertThat(ask(q, Transport.UDP).getOPT()).as("RFC 6891 7: OPT answered with OPT").isNotNull();
    }

    @Test
    void formerrEchoesAValidOpt() throws Exception {
        Message q = query("sip.voip.example.test", Type.A);
        q.addRecord(new OPTRecord(1232, 0, 0, 0), Section.ADDITIONAL);
        byte[] wire = q.toWire();
        wire[5] = 2; // QDCOUNT 2 with one question: FORMERR before the OPT is reached
        Message r = new Message(raw(wire, Transport.UDP));
        assertThat(r.getRcode()).isEqualTo(Rcode.FORMERR);
        byte[] trailing = java.util.Arrays.copyOf(q.toWire(), q.toWire().length + 2);
        Message r2 = new Message(raw(trailing, Transport.UDP));
        assertThat(r2.getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(r2.getOPT()).isNotNull();
    }

    @Test
    void ednsAnswerCarriesOurOptAndEchoesTheClientSubnetAtScopeZero() throws Exception {
        var ecs = new ClientSubnetOption(24, java.net.InetAddress.getByName("198.51.100.0"));
        Message r = ask(ednsQuery("sip.voip.example.test", Type.A, 4096, ecs), Transport.UDP);
        OPTRecord opt = r.getOPT();
        assertThat(opt).isNotNull();
        assertThat(opt.getPayloadSize()).isEqualTo(1232);
        assertThat(opt.getVersion()).isZero();
        ClientSubnetOption echoed = (ClientSubnetOption) opt.getOptions(EDNSOption.Code.CLIENT_SUBNET).get(0);
        assertThat(echoed.getSourcePrefixLength()).isEqualTo(24);
        assertThat(echoed.getScopePrefixLength()).isZero();
        assertThat(echoed.getAddress().getHostAddress()).isEqualTo("198.51.100.0");
    }

    @Test
    void badversForEdnsVersionOne() throws Exception {
        Message q = query("sip.voip.example.test", Type.A);
        q.addRecord(new OPTRecord(1232, 0, 1, 0), Section.ADDITIONAL);
        Message r = ask(q, Transport.UDP);
        assertThat(r.getRcode()).isEqualTo(Rcode.BADVERS);
        assertThat(r.getOPT().getVersion()).isZero();
        assertThat(r.getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void formerrCarriesTheQuestionWhenItCouldBeRead() throws Exception {
        Message q = query("sip.voip.example.test", Type.A);
        q.addRecord(new OPTRecord(1232, 0, 0, 0), Section.ADDITIONAL);
        q.addRecord(new OPTRecord(1232, 0, 0, 0), Section.ADDITIONAL);
        Message r = ask(q, Transport.UDP);
        assertThat(r.getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(r.getQuestion().getName().toString()).isEqualTo("sip.voip.example.test.");
        assertThat(r.getOPT()).isNull();
        assertThat(registry.get("dns.queries.malformed").tag("reason", "several OPT records").counter().count())
                .isEqualTo(1);
    }

    @Test
    void dropsResponsesAndRunts() {
        assertThat(raw(new byte[] {1, 2, 3}, Transport.UDP)).isNull();
        byte[] response = raw(query("sip.voip.example.test", Type.A).toWire(), Transport.UDP);
        assertThat(raw(response, Transport.UDP)).isNull();
        assertThat(registry.get("dns.queries.dropped").tag("reason", "response").counter().count()).isEqualTo(1);
    }

    @Test
    void anyIsMinimal() throws Exception {
        Message r = ask(query("voip.example.test", Type.ANY), Transport.UDP);
        assertThat(r.getSection(Section.ANSWER)).extracting(Record::getType).containsOnly(Type.SOA);
    }

    @Test
    void countsQueriesByTransportTypeAndRcode() throws Exception {
        ask(query("sip.voip.example.test", Type.A), Transport.UDP);
        ask(query("nope.voip.example.test", Type.AAAA), Transport.TCP);
        assertThat(registry.get("dns.queries").tags("transport", "udp", "qtype", "A", "rcode", "NOERROR")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("dns.queries").tags("transport", "tcp", "qtype", "AAAA", "rcode", "NXDOMAIN")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("dns.answer").tag("transport", "udp").timer().count()).isEqualTo(1);
    }

    @Test
    void oversizedUdpAnswerIsTruncatedAndTcpGetsItWhole() throws Exception {
        Message udp = ask(ednsQuery("big.voip.example.test", Type.TXT, 4096), Transport.UDP);
        assertThat(udp.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(udp.getSection(Section.ANSWER)).isEmpty();
        assertThat(udp.getOPT()).isNotNull();
        assertThat(udp.getHeader().getFlag(Flags.AA)).isTrue();
        Message tcp = ask(ednsQuery("big.voip.example.test", Type.TXT, 4096), Transport.TCP);
        assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(tcp.getSection(Section.ANSWER)).hasSize(40);
        assertThat(registry.get("dns.responses.truncated").tag("transport", "udp").counter().count()).isEqualTo(1);
    }

    @Test
    void udpWithoutEdnsIsLimitedTo512AndDropsOptionalAdditionalFirst() throws Exception {
        byte[] plain = raw(query("_sip._tcp.voip.example.test", Type.SRV).toWire(), Transport.UDP);
        assertThat(plain.length).isLessThanOrEqualTo(512);
        Message r = new Message(plain);
        assertThat(r.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(r.getSection(Section.ANSWER)).hasSize(1);
        assertThat(r.getSection(Section.ADDITIONAL)).isEmpty();
        Message large = ask(ednsQuery("_sip._tcp.voip.example.test", Type.SRV, 1232), Transport.UDP);
        assertThat(large.getSection(Section.ADDITIONAL)).hasSize(30 + 1); // the addresses and OPT
    }

    @Test
    void precompiledCnameAnswersFollowIntoWildcards() throws Exception {
        Message r = ask(query("towild.voip.example.test", Type.A), Transport.UDP);
        assertThat(r.getSection(Section.ANSWER)).extracting(Record::getType).containsExactly(Type.CNAME, Type.A);
    }

    @Test
    void invalidClientSubnetGetsFormerrWithOurOpt() throws Exception {
        Message q = query("sip.voip.example.test", Type.A);
        q.addRecord(new OPTRecord(1232, 0, 0, 0), Section.ADDITIONAL);
        byte[] ok = q.toWire();
        // Append an ECS option for 198.51.100.0/20: bits beyond the prefix are set (RFC 7871 7.1.1).
        byte[] ecs = HexFormat.of().parseHex("00080007000114" + "00" + "c63364");
        byte[] wire = java.util.Arrays.copyOf(ok, ok.length + ecs.length);
        System.arraycopy(ecs, 0, wire, ok.length, ecs.length);
        wire[ok.length - 1] = (byte) ecs.length; // OPT RDLENGTH, the last field of the OPT record
        Message r = new Message(raw(wire, Transport.UDP));
        assertThat(r.getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(r.getOPT()).isNotNull();
        assertThat(r.getOPT().getOptions(EDNSOption.Code.CLIENT_SUBNET)).isEmpty();
    }
}
