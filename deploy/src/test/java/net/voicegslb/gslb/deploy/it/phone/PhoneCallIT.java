package net.voicegslb.gslb.deploy.it.phone;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stock softphones (baresip) against two sites of our own PBX nodes behind our DNS server: they
 * register with digest auth and call each other with real G.711 RTP through the nodes' relays. The
 * packet and loss counts asserted are the phones' own (their RTCP summary), not the relay's.
 */
class PhoneCallIT {

    private static final Duration TALK = Duration.ofSeconds(6);
    /** 50 packets/s for the talk time; the first ones may go before the callee's leg is latched. */
    private static final long MIN_PACKETS = TALK.toSeconds() * 50 * 8 / 10;

    private static PhoneLab lab;

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
    void twoPhonesAtOneSiteTalkThroughTheRelay() {
        String outbound = "sip:" + PhoneLab.FRA + ":" + lab.sipPort() + ";transport=udp";
        Baresip a = lab.phone("1001", outbound);
        Baresip b = lab.phone("1002", outbound);
        TwoPhoneCall.talk(a, b, "sip:1002@example.test", TALK).assertMediaBothWays(MIN_PACKETS, lab::logs);
    }

    @Test
    void phonesConfiguredWithTheTenantDomainAloneFindTheNodeThroughOurDns() {
        // no outbound proxy: REGISTER and INVITE go where example.test's SRV and the GSLB's A say
        Baresip a = lab.phone("1001", null);
        Baresip b = lab.phone("1002", null);
        TwoPhoneCall.talk(a, b, "sip:1002@example.test", TALK).assertMediaBothWays(MIN_PACKETS, lab::logs);
    }

    @Test
    void callerAndCalleeAtDifferentSitesTalkThroughBothRelays() {
        Baresip a = lab.phone("1003", "sip:" + PhoneLab.FRA + ":" + lab.sipPort() + ";transport=udp");
        Baresip b = lab.phone("1004", "sip:" + PhoneLab.NYC + ":" + lab.sipPort() + ";transport=udp");
        // 1004 registered only at nyc-1: fra-1 must forward the INVITE to its peer for this to ring
        TwoPhoneCall.talk(a, b, "sip:1004@example.test", TALK).assertMediaBothWays(MIN_PACKETS, lab::logs);
    }
}
