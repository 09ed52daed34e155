package net.voicegslb.gslb.deploy.it.phone;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A killed site's phones re-register at the next site: a phone with the service domain as outbound
 * proxy registers at fra-1 (the GSLB's first choice); fra-1 is killed (SIGKILL, a power cut); the
 * DNS server drops it from the answers, the phone's next REGISTER goes where DNS now points, nyc-1,
 * and a call to it from a phone at nyc-1 rings it there, with media both ways.
 */
class SiteFailoverPhoneIT {

    private static final String OUTBOUND = "sip:" + PhoneLab.SERVICE_DOMAIN + ";transport=udp";

    private PhoneLab lab;

    @RegisterExtension
    final TestExecutionExceptionHandler labLogs = PhoneLab.logsOnFailure(() -> lab);

    @BeforeEach
    void startLab() {
        lab = PhoneLab.start();
    }

    @AfterEach
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aKilledSitesPhoneReRegistersAtTheNextSiteAndCanBeCalledThere() {
        Baresip roaming = lab.phone("1001", "example.test", OUTBOUND, 10);
        Baresip atNyc = lab.phone("1002", "sip:" + PhoneLab.NYC + ":" + lab.sipPort() + ";transport=udp");
        roaming.awaitRegistered(Duration.ofSeconds(30));
        atNyc.awaitRegistered(Duration.ofSeconds(30));

        int mark = roaming.mark();
        long killed = System.nanoTime();
        lab.node("fra-1").kill();
        await("the DNS server stops answering with fra-1").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    DnsReply r = lab.dig().query("_sip._udp." + PhoneLab.SERVICE_DOMAIN, "SRV");
                    return !r.answerRdata().isEmpty() && r.answerRdata().stream().noneMatch(a -> a.contains("fra-1"));
                });
        long dnsMillis = (System.nanoTime() - killed) / 1_000_000;
        // libre retries a failed registration after 30-60 s; its refresh every ~10 s may come first
        roaming.awaitEvent("REGISTER_OK", mark, Duration.ofSeconds(120));
        long registeredMillis = (System.nanoTime() - killed) / 1_000_000;
        System.out.printf("fra-1 killed: out of DNS after %d ms, phone registered again after %d ms%n", dnsMillis,
                registeredMillis);

        // nyc-1 holds 1001's binding now: the call does not need fra-1 at all
        TwoPhoneCall.talk(atNyc, roaming, "sip:1001@example.test", Duration.ofSeconds(6))
                .assertMediaBothWays(6 * 50 * 8 / 10);
    }
}
