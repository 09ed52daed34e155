package net.voicegslb.gslb.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which names from an (unauthenticated) NS answer may become DNS nodes. */
class NsDiscoveryNamesTest {

    @Test
    void namesUnderTheSuffixAreAccepted() {
        assertThat(NsDiscovery.acceptable("dns-a.voip.example.com", "voip.example.com")).isTrue();
        assertThat(NsDiscovery.acceptable("DNS-A.Voip.Example.Com", "voip.example.com")).isTrue();
        assertThat(NsDiscovery.acceptable("voip.example.com", "voip.example.com")).isTrue();
    }

    @Test
    void namesElsewhereOrMerelyEndingLikeTheSuffixAreRefused() {
        assertThat(NsDiscovery.acceptable("dns.attacker.test", "voip.example.com")).isFalse();
        assertThat(NsDiscovery.acceptable("evilvoip.example.com", "voip.example.com")).isFalse();
        assertThat(NsDiscovery.acceptable("example.com", "voip.example.com")).isFalse();
    }

    @Test
    void namesThatAreNotPlainHostNamesAreRefused() {
        assertThat(NsDiscovery.acceptable("a@evil.test/x.voip.example.com", "voip.example.com")).isFalse();
        assertThat(NsDiscovery.acceptable("a b.voip.example.com", "voip.example.com")).isFalse();
        assertThat(NsDiscovery.acceptable("-a.voip.example.com", "voip.example.com")).isFalse();
        assertThat(NsDiscovery.acceptable("a..voip.example.com", "voip.example.com")).isFalse();
        assertThat(NsDiscovery.acceptable("x".repeat(64) + ".voip.example.com", "voip.example.com")).isFalse();
    }
}
