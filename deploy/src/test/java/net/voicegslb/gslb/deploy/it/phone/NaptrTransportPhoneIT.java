package net.voicegslb.gslb.deploy.it.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stock phone that knows only the service domain ({@code outbound="sip:voip.example.test"}, no
 * transport) follows our NAPTR records (RFC 3263) and takes the most preferred choice it supports.
 * The phone trusts the lab CA, so it takes {@code SIPS+D2T} whenever our DNS lists it: with TLS
 * served it registers over TLS; with the TLS listener gone (advertised and checked, nothing
 * listening) our NAPTR set no longer lists {@code SIPS+D2T} and the same phone registers over TCP
 * instead of being sent to a TLS port nobody answers.
 */
class NaptrTransportPhoneIT {

    private static final String NAPTR_ONLY = "sip:" + PhoneLab.SERVICE_DOMAIN;
    private static final Duration REGISTER = Duration.ofSeconds(30);

    @Test
    void withTlsServedTheNaptrFollowingPhoneRegistersOverTls() {
        try (PhoneLab lab = PhoneLab.startTlsAdvertised(true)) {
            assertThat(naptrServices(lab)).as("our NAPTR set").startsWith("SIPS+D2T");
            Baresip phone = lab.phone("1001", "example.test", NAPTR_ONLY, 600);
            phone.awaitRegistered(REGISTER);
            assertThat(phone.log()).as("registered over TLS").containsPattern("/TLS/v4\\} 200 OK");
        }
    }

    @Test
    void withTheTlsListenerGoneTheSamePhoneRegistersOverTcp() {
        try (PhoneLab lab = PhoneLab.startTlsAdvertised(false)) {
            // An unchecked transport counts as passing until its first checks fail (fall 2, 1 s apart).
            await("SIPS+D2T leaves our NAPTR set").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !naptrServices(lab).contains("SIPS+D2T"));
            assertThat(naptrServices(lab)).containsExactly("SIP+D2T", "SIP+D2U");
            assertThat(lab.dig().query("_sip._udp." + PhoneLab.SERVICE_DOMAIN, "SRV").answerRdata())
                    .as("UDP still names the nodes").isNotEmpty();
            Baresip phone = lab.phone("1002", "example.test", NAPTR_ONLY, 600);
            phone.awaitRegistered(REGISTER);
            assertThat(phone.log()).as("registered over TCP, the first choice our NAPTR set still lists")
                    .containsPattern("/TCP/v4\\} 200 OK").doesNotContainPattern("/TLS/v4\\} 200 OK");
        }
    }

    /** The NAPTR service fields at the service domain, in order (rdata: order pref "flags" "service" ...). */
    private static List<String> naptrServices(PhoneLab lab) {
        return lab.dig().query(PhoneLab.SERVICE_DOMAIN, "NAPTR").answerRdata().stream()
                .sorted()
                .map(r -> r.split("\\s+")[3].replace("\"", ""))
                .toList();
    }
}
