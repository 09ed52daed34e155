package net.voicegslb.gslb.policy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ClientPrefixTest {

    @Test
    void parsesAndPrintsBothFamilies() {
        assertThat(ClientPrefix.parse("192.0.2.77/24").toString()).isEqualTo("192.0.2.0/24");
        assertThat(ClientPrefix.parse("2001:db8:abcd:12::1/48").toString()).isEqualTo("2001:db8:abcd:0:0:0:0:0/48");
        assertThat(ClientPrefix.parse("10.1.2.3").length()).isEqualTo(32);
        assertThat(ClientPrefix.parse("::1").length()).isEqualTo(128);
    }

    @Test
    void rejectsNamesAndBadLengths() {
        assertThatThrownBy(() -> ClientPrefix.parse("example.com/24")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientPrefix.parse("1.2.3.ab")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientPrefix.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientPrefix.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void containment() {
        ClientPrefix p16 = ClientPrefix.parse("10.1.0.0/16");
        assertThat(p16.contains(ClientPrefix.parse("10.1.200.0/24"))).isTrue();
        assertThat(p16.contains(ClientPrefix.parse("10.2.0.0/24"))).isFalse();
        assertThat(p16.contains(ClientPrefix.parse("10.0.0.0/8"))).isFalse();
        assertThat(ClientPrefix.parse("::/0").contains(ClientPrefix.parse("10.0.0.0/8"))).isFalse();
    }

    @Property
    void truncationIsContainedAndRoundTrips(@ForAll byte[] raw, @ForAll @IntRange(min = 0, max = 128) int len)
            throws Exception {
        byte[] bytes = new byte[raw.length >= 16 ? 16 : 4];
        System.arraycopy(raw, 0, bytes, 0, Math.min(raw.length, bytes.length));
        InetAddress a = InetAddress.getByAddress(bytes);
        ClientPrefix host = ClientPrefix.host(a);
        int l = Math.min(len, host.maxLength());
        ClientPrefix p = host.truncate(l);
        assertThat(p.contains(host)).isTrue();
        assertThat(ClientPrefix.parse(p.toString())).isEqualTo(p);
        assertThat(ClientPrefix.of(a, l)).isEqualTo(p);
    }
}
