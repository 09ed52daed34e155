package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.Dig;
import net.voicegslb.gslb.deploy.it.support.GslbJar;
import net.voicegslb.gslb.deploy.it.support.GslbProcess;
import net.voicegslb.gslb.deploy.it.support.Kdig;
import net.voicegslb.gslb.deploy.it.support.ToolRun;
import org.junit.jupiter.api.Test;

/** The README quick start: the shipped deploy/examples/gslb.yaml, as is, with only the ports overridden. */
class QuickStartIT {

    @Test
    void shippedExampleStartsAndAnswers() {
        var config = GslbJar.examples().resolve("gslb.yaml");
        try (GslbProcess server = GslbProcess.start(config, true)) {
            DnsReply sip = new Dig(server.dnsPort()).query("sip.voip.example.test", "A");
            DnsReply srv = new Kdig(server.dnsPort()).query("_sip._udp.voip.example.test", "SRV");
            DnsReply ptr = new Dig(server.dnsPort()).query("-x", "192.0.2.1");

            assertThat(sip.status()).as(sip.text()).isEqualTo("NOERROR");
            assertThat(sip.flags()).as(sip.text()).contains("aa");
            assertThat(sip.answerRdata()).as(sip.text()).containsExactly("192.0.2.1");
            assertThat(srv.answerRdata()).as(srv.text()).containsExactly("10 50 5060 sip.voip.example.test.");
            assertThat(ptr.answerRdata()).as(ptr.text()).containsExactly("sip.voip.example.test.");
        }
    }

    @Test
    void shippedExamplePassesCheckConfig() {
        ToolRun.Result r = GslbJar.run("check-config", GslbJar.examples().resolve("gslb.yaml").toString());

        assertThat(r.exitCode()).as(r.describe()).isZero();
    }
}
