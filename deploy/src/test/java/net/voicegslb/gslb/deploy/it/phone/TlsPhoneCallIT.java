package net.voicegslb.gslb.deploy.it.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Stock softphones (baresip) registered over SIP over TLS at a node of ours: they call each other
 * through it, the node reaching the callee over the TLS connection it registered on, and talk with
 * real G.711 RTP through the relay. Media counts are the phones' own.
 */
class TlsPhoneCallIT {

    private static final Duration TALK = Duration.ofSeconds(6);
    private static final long MIN_PACKETS = TALK.toSeconds() * 50 * 8 / 10;

    private static PhoneLab lab;

    @RegisterExtension
    final TestExecutionExceptionHandler labLogs = PhoneLab.logsOnFailure(() -> lab);

    @BeforeAll
    static void startLab() {
        lab = PhoneLab.start(true);
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void twoPhonesOnTlsTalkThroughTheRelay() {
        String outbound = "sip:" + PhoneLab.FRA + ":" + lab.tlsPort() + ";transport=tls";
        Baresip a = lab.phone("1001", outbound);
        Baresip b = lab.phone("1002", outbound);
        TwoPhoneCall.talk(a, b, "sip:1002@example.test", TALK).assertMediaBothWays(MIN_PACKETS);
        assertThat(lab.node("fra-1").log()).as("the node served TLS").contains("SIP over TLS listening on");
        assertThat(a.log() + b.log()).as("the phones registered over TLS").containsPattern("/TLS/v4\\} 200 OK");
    }

    /**
     * A phone at fra-1 calls one at nyc-1, both on TLS: fra-1 has the callee nowhere and forwards to
     * its peer nyc-1, which it knows only by its TLS address (there is no UDP listener on that
     * port), so the call can only have crossed on the nodes' TLS connection to each other; ACK and
     * BYE follow the TLS Record-Routes.
     */
    @Test
    void phonesAtTwoSitesTalkOverTheSitesTlsConnection() {
        Baresip a = lab.phone("1005", "sip:" + PhoneLab.FRA + ":" + lab.tlsPort() + ";transport=tls");
        Baresip b = lab.phone("1006", "sip:" + PhoneLab.NYC + ":" + lab.tlsPort() + ";transport=tls");
        TwoPhoneCall.talk(a, b, "sip:1006@example.test", TALK).assertMediaBothWays(MIN_PACKETS);
        assertThat(lab.node("fra-1").log()).as("fra-1 reached nyc-1 over TLS, its certificate checked")
                .contains("TLS connection to peer nyc at");
        assertThat(lab.node("nyc-1").log()).as("nyc-1 asks for the peers' certificates")
                .contains("asked, optional (TLS peers)");
        assertThat(a.log() + b.log()).as("the phones registered over TLS").containsPattern("/TLS/v4\\} 200 OK");
    }

    @Test
    void phonesWithTheServiceDomainAsOutboundProxyFollowSipsSrvToTheNode() {
        // transport=tls: _sips._tcp SRV through our DNS, then TLS to the node it names
        String outbound = "sip:" + PhoneLab.SERVICE_DOMAIN + ";transport=tls";
        Baresip a = lab.phone("1003", "example.test", outbound, 600);
        Baresip b = lab.phone("1004", "example.test", outbound, 600);
        TwoPhoneCall.talk(a, b, "sip:1004@example.test", TALK).assertMediaBothWays(MIN_PACKETS);
        assertThat(a.log() + b.log()).as("the phones registered over TLS").containsPattern("/TLS/v4\\} 200 OK");
    }
}
