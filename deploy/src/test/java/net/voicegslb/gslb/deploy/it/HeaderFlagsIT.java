package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.GslbServer;
import net.voicegslb.gslb.deploy.it.support.Hex;
import net.voicegslb.gslb.deploy.it.support.RawUdp;
import net.voicegslb.gslb.deploy.it.support.WireHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The header of an authoritative answer: what resolvers and zonemaster look at before the records. */
class HeaderFlagsIT {

    @RegisterExtension
    static final GslbServer SERVER = GslbServer.withConfig("gslb-it.yaml");

    @Test
    void authoritativeAnswerHasQrAndAaButNoRa() {
        DnsReply dig = SERVER.dig().query("sip.voip.example.test", "A");
        DnsReply kdig = SERVER.kdig().query("sip.voip.example.test", "A");

        for (DnsReply r : new DnsReply[] {dig, kdig}) {
            assertThat(r.opcode()).as(r.text()).isEqualTo("QUERY");
            assertThat(r.status()).as(r.text()).isEqualTo("NOERROR");
            assertThat(r.flags()).as(r.text()).contains("qr", "aa").doesNotContain("ra", "rd", "tc", "ad");
            assertThat(r.answerRdata()).as(r.text()).containsExactly("192.0.2.1");
        }
    }

    @Test
    void recursionDesiredIsCopiedButRecursionIsNeverOffered() {
        DnsReply withRd = SERVER.dig().query("+rec", "sip.voip.example.test", "A");
        DnsReply withoutRd = SERVER.dig().query("+norec", "sip.voip.example.test", "A");
        DnsReply kdigWithRd = SERVER.kdig().query("+rec", "sip.voip.example.test", "A");

        assertThat(withRd.flags()).as(withRd.text()).contains("qr", "aa", "rd").doesNotContain("ra");
        assertThat(kdigWithRd.flags()).as(kdigWithRd.text()).contains("qr", "aa", "rd").doesNotContain("ra");
        assertThat(withoutRd.flags()).as(withoutRd.text()).contains("qr", "aa").doesNotContain("rd", "ra");
    }

    @Test
    void checkingDisabledIsCopied() {
        DnsReply r = SERVER.dig().query("+cdflag", "sip.voip.example.test", "A");

        assertThat(r.flags()).as(r.text()).contains("cd", "aa");
    }

    @Test
    void questionAndOwnerKeepTheQueryLetterCase() {
        // kdig lower-cases the name before sending it, so only dig (and the raw test below) can show this
        DnsReply r = SERVER.dig().query("SiP.VoIp.example.TEST", "A");

        assertThat(r.question()).as(r.text()).containsExactly("SiP.VoIp.example.TEST. IN A");
        assertThat(r.answer()).as(r.text()).singleElement()
                .satisfies(rr -> assertThat(rr.owner()).isEqualTo("SiP.VoIp.example.TEST."));
        assertThat(r.flags()).as(r.text()).contains("aa");
    }

    @Test
    void rawQueryGetsItsIdAndQuestionBytesBackUnchanged() {
        byte[] query = Hex.bytes("""
                BEEF 0100 0001 0000 0000 0000
                03 53 69 50 04 56 6f 49 70 07 65 78 61 6d 70 6c 65 04 54 45 53 54 00 | 0001 0001
                """); // id 0xBEEF, RD; SiP.VoIp.example.TEST A IN
        try (RawUdp udp = SERVER.udp()) {
            byte[] answer = udp.exchange(query);

            WireHeader h = WireHeader.of(answer);
            assertThat(h.id()).isEqualTo(0xBEEF);
            assertThat(h.qr()).isTrue();
            assertThat(h.aa()).isTrue();
            assertThat(h.rd()).isTrue();
            assertThat(h.ra()).isFalse();
            assertThat(h.opcode()).isZero();
            assertThat(h.rcode()).isEqualTo(WireHeader.NOERROR);
            assertThat(h.qdCount()).isEqualTo(1);
            assertThat(h.anCount()).isEqualTo(1);
            assertThat(h.arCount()).as("no OPT in the query, none in the answer").isZero();
            assertThat(Arrays.copyOfRange(answer, 12, query.length))
                    .as("question section").isEqualTo(Arrays.copyOfRange(query, 12, query.length));
        }
    }
}
