package net.voicegslb.gslb.rtp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrAllowListTest {

    private static InetAddress ip(String literal) {
        return IpLiteral.parse(literal).orElseThrow();
    }

    @Test
    void defaultIsLoopbackOnly() {
        CidrAllowList list = CidrAllowList.parse(CidrAllowList.LOOPBACK);
        assertThat(list.allows(ip("127.0.0.1"))).isTrue();
        assertThat(list.allows(ip("127.255.0.66"))).isTrue();
        assertThat(list.allows(ip("::1"))).isTrue();
        assertThat(list.allows(ip("10.0.0.1"))).isFalse();
        assertThat(list.allows(ip("128.0.0.1"))).isFalse();
        assertThat(list.allows(ip("::2"))).isFalse();
    }

    @Test
    void prefixesOnAndOffByteBoundariesAndBareHosts() {
        CidrAllowList list = CidrAllowList.parse(" 10.1.0.0/20 , 192.0.2.7,2001:db8::/32");
        assertThat(list.allows(ip("10.1.15.255"))).isTrue();
        assertThat(list.allows(ip("10.1.16.0"))).isFalse();
        assertThat(list.allows(ip("192.0.2.7"))).isTrue();
        assertThat(list.allows(ip("192.0.2.8"))).isFalse();
        assertThat(list.allows(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(list.allows(ip("2001:db9::1"))).isFalse();
        assertThat(CidrAllowList.parse("0.0.0.0/0").allows(ip("198.51.100.1"))).isTrue();
    }

    @Test
    void reportsEveryBadEntryAndNeverResolvesNames() {
        assertThatThrownBy(() -> CidrAllowList.parse("10.0.0.0/33,localhost,1.2.3.4/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'10.0.0.0/33' has a prefix length outside 0-32")
                .hasMessageContaining("'localhost' is not an IP address")
                .hasMessageContaining("'1.2.3.4/x'");
        assertThatThrownBy(() -> CidrAllowList.parse(" , ")).hasMessageContaining("empty");
    }
}
