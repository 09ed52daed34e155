package net.voicegslb.gslb.deploy.it.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * How a phone is set up behind a GSLB: its only resolver is our DNS server and its outbound proxy
 * is the service domain ({@code outbound="sip:voip.example.test;transport=udp"}). It finds the node
 * through {@code _sip._udp} SRV and A, registers there, and every INVITE it sends carries the
 * pre-loaded {@code Route: <sip:voip.example.test;transport=udp;lr>}, which the node must take as
 * naming itself (RFC 3261 §16.4) rather than as somewhere to forward the call.
 */
class ServiceDomainOutboundIT {

    private static final Duration TALK = Duration.ofSeconds(6);
    private static final long MIN_PACKETS = TALK.toSeconds() * 50 * 8 / 10;
    private static final String OUTBOUND = "sip:" + PhoneLab.SERVICE_DOMAIN + ";transport=udp";

    private static PhoneLab lab;

    @RegisterExtension
    final TestExecutionExceptionHandler labLogs = PhoneLab.logsOnFailure(() -> lab);

    @BeforeAll
    static void startLab() {
        lab = PhoneLab.start();
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void phonesFindTheNodeThroughOurDnsAndCallEachOther() {
        Baresip a = lab.phone("1001", OUTBOUND);
        Baresip b = lab.phone("1002", OUTBOUND);
        TwoPhoneCall.talk(a, b, "sip:1002@example.test", TALK).assertMediaBothWays(MIN_PACKETS);
        assertThat(a.log()).as("1001 registered at the node our DNS answered with (fra-1)")
                .contains("200 OK");
    }

    @Test
    void aServiceDomainPhoneCallsAPhoneAtTheOtherSite() {
        Baresip a = lab.phone("1003", OUTBOUND);
        Baresip b = lab.phone("1004", "sip:" + PhoneLab.NYC + ":" + lab.sipPort() + ";transport=udp");
        TwoPhoneCall.talk(a, b, "sip:1004@example.test", TALK).assertMediaBothWays(MIN_PACKETS);
    }

    @Test
    void overTcpThePhonesFollowSipTcpSrvAndTheNodeReachesTheCalleeOnItsConnection() {
        String outbound = "sip:" + PhoneLab.SERVICE_DOMAIN + ";transport=tcp";
        Baresip a = lab.phone("1005", "example.test", outbound, 600);
        Baresip b = lab.phone("1006", "example.test", outbound, 600);
        TwoPhoneCall.talk(a, b, "sip:1006@example.test", TALK).assertMediaBothWays(MIN_PACKETS);
        assertThat(a.log() + b.log()).as("the phones registered over TCP").containsPattern("/TCP/v4\\} 200 OK");
    }

    @Test
    void withoutATransportThePhonesFollowOurNaptrRecordsInOrder() {
        // RFC 3263: NAPTR first, then the SRV of the first transport the phone supports
        String naptrOnly = "sip:" + PhoneLab.SERVICE_DOMAIN;
        assertThat(lab.dig().query(PhoneLab.SERVICE_DOMAIN, "NAPTR").answerRdata()).as("our NAPTR records")
                .isNotEmpty();
        Baresip a = lab.phone("1007", "example.test", naptrOnly, 600);
        Baresip b = lab.phone("1008", "example.test", naptrOnly, 600);
        TwoPhoneCall.talk(a, b, "sip:1008@example.test", TALK).assertMediaBothWays(MIN_PACKETS);
        // the transport the phone chose from our NAPTR records, for the build log
        a.log().lines().filter(l -> l.contains("200 OK")).findFirst()
                .ifPresent(l -> System.out.println("NAPTR-only phone registered: " + l));
    }
}
