package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.GslbServer;
import net.voicegslb.gslb.deploy.it.support.Hex;
import net.voicegslb.gslb.deploy.it.support.RawTcp;
import net.voicegslb.gslb.deploy.it.support.RawUdp;
import net.voicegslb.gslb.deploy.it.support.ToolRun;
import net.voicegslb.gslb.deploy.it.support.WireHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an authoritative-only server says no to: names outside its zones, other classes, zone
 * transfers (REFUSED), and opcodes other than QUERY (NOTIMP).
 */
class RefusedAndNotImplementedIT {

    @RegisterExtension
    static final GslbServer SERVER = GslbServer.withConfig("gslb-it.yaml");

    /** voip.example.test A IN, after a 12-byte header. */
    private static final String QUESTION = "04 76 6f 69 70 07 65 78 61 6d 70 6c 65 04 74 65 73 74 00 | 0006 0001";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"example.com", "example.test", "other.example.test", "test", "3.0.192.in-addr.arpa",
        "voip.example.test.evil.example"})
    void namesOutsideEveryZoneAreRefused(String name) {
        DnsReply dig = SERVER.dig().query(name, "A");
        DnsReply kdig = SERVER.kdig().query(name, "A");

        for (DnsReply r : new DnsReply[] {dig, kdig}) {
            assertThat(r.status()).as(r.text()).isEqualTo("REFUSED");
            assertThat(r.flags()).as(r.text()).contains("qr").doesNotContain("aa", "ra");
            assertThat(r.answer()).as(r.text()).isEmpty();
            assertThat(r.authority()).as(r.text()).isEmpty();
        }
    }

    @ParameterizedTest(name = "class {0}")
    @CsvSource({"CH, version.bind, TXT", "CH, sip.voip.example.test, A", "HS, sip.voip.example.test, A",
        "CLASS42, sip.voip.example.test, A"})
    void otherClassesAreRefused(String rrClass, String name, String type) {
        DnsReply r = SERVER.dig().query("-c", rrClass, name, type);

        assertThat(r.status()).as(r.text()).isEqualTo("REFUSED");
        assertThat(r.flags()).as(r.text()).doesNotContain("aa");
        assertThat(r.answer()).as(r.text()).isEmpty();
    }

    @Test
    void zoneTransferIsRefusedToDigAndKdig() {
        ToolRun.Result dig = SERVER.dig().run("voip.example.test", "AXFR");
        ToolRun.Result kdig = SERVER.kdig().run("-t", "AXFR", "voip.example.test");

        assertThat(dig.stdout()).as(dig.describe()).contains("Transfer failed").doesNotContain("IN\tSOA");
        assertThat(kdig.stdout() + kdig.stderr()).as(kdig.describe()).contains("REFUSED");
    }

    @Test
    void axfrOverRawTcpGetsRefused() {
        byte[] axfr = Hex.bytes("0A01 0000 0001 0000 0000 0000" + QUESTION.replace("0006 0001", "00FC 0001"));
        try (RawTcp tcp = SERVER.tcp()) {
            WireHeader h = WireHeader.of(tcp.exchange(axfr));

            assertThat(h.id()).isEqualTo(0x0A01);
            assertThat(h.qr()).isTrue();
            assertThat(h.rcode()).isEqualTo(WireHeader.REFUSED);
            assertThat(h.anCount()).isZero();
        }
    }

    @Test
    void ixfrOverUdpGetsRefused() {
        byte[] ixfr = Hex.bytes("0A02 0000 0001 0000 0000 0000" + QUESTION.replace("0006 0001", "00FB 0001"));
        try (RawUdp udp = SERVER.udp()) {
            WireHeader h = WireHeader.of(udp.exchange(ixfr));

            assertThat(h.id()).isEqualTo(0x0A02);
            assertThat(h.rcode()).isEqualTo(WireHeader.REFUSED);
            assertThat(h.anCount()).isZero();
        }
    }

    @Test
    void notifyFromDigGetsNotImplemented() {
        DnsReply r = SERVER.dig().query("+noedns", "+opcode=notify", "voip.example.test", "SOA");

        assertThat(r.opcode()).as(r.text()).isEqualTo("NOTIFY");
        assertThat(r.status()).as(r.text()).isEqualTo("NOTIMP");
        assertThat(r.flags()).as(r.text()).contains("qr").doesNotContain("aa");
        assertThat(r.answer()).as(r.text()).isEmpty();
    }

    @Test
    void notImplementedAnswerCarriesOptWhenTheQueryHadOne() {
        // RFC 6891 section 7: a responder MUST include an OPT record in its response to a query with one.
        DnsReply r = SERVER.dig().query("+opcode=notify", "voip.example.test", "SOA");

        assertThat(r.status()).as(r.text()).isEqualTo("NOTIMP");
        assertThat(r.edns()).as("OPT in the NOTIMP answer to an EDNS query:\n%s", r.text()).isNotNull();
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {1, 2, 4, 5, 6, 15})
    void otherOpcodesGetNotImplementedWithIdAndOpcodeEchoed(int opcode) {
        int flags = opcode << 11;
        byte[] query = Hex.concat(new byte[] {0x0B, (byte) opcode, (byte) (flags >> 8), 0},
                Hex.bytes("0001 0000 0000 0000" + QUESTION));
        try (RawUdp udp = SERVER.udp()) {
            WireHeader h = WireHeader.of(udp.exchange(query));

            assertThat(h.id()).isEqualTo(0x0B00 | opcode);
            assertThat(h.qr()).isTrue();
            assertThat(h.opcode()).isEqualTo(opcode);
            assertThat(h.rcode()).isEqualTo(WireHeader.NOTIMP);
            assertThat(h.anCount()).isZero();
        }
    }
}
