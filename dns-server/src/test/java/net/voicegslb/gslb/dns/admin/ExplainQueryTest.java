package net.voicegslb.gslb.dns.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExplainQueryTest {

    @Test
    void aBareAddressIsAResolverAndTheTypeDefaultsToA() throws Exception {
        ExplainQuery q = ExplainQuery.parse("192.0.2.53", "sip.voip.example.test", null);

        assertThat(q).isEqualTo(new ExplainQuery(InetAddress.getByName("192.0.2.53"), -1, "sip.voip.example.test", 1));
    }

    @Test
    void aPrefixIsAnEcsSubnetWithTheHostBitsCleared() throws Exception {
        assertThat(ExplainQuery.parse("198.51.100.77/24", "sip.voip.example.test.", "aaaa"))
                .isEqualTo(new ExplainQuery(InetAddress.getByName("198.51.100.0"), 24, "sip.voip.example.test.", 28));
        assertThat(ExplainQuery.parse("2001:db8:1:2::9/48", "_sip._udp.voip.example.test", "SRV"))
                .isEqualTo(new ExplainQuery(InetAddress.getByName("2001:db8:1::"), 48, "_sip._udp.voip.example.test",
                        33));
        assertThat(ExplainQuery.parse("0.0.0.0/0", "voip.example.test", "NAPTR").prefixLength()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "           | sip.voip.example.test | A     | client is required",
        "resolver   | sip.voip.example.test | A     | not an IP address",
        "1.2.3      | sip.voip.example.test | A     | not an IP address",
        "1.2.3.4.5  | sip.voip.example.test | A     | not an IP address",
        "256.1.1.1  | sip.voip.example.test | A     | not an IP address",
        "10.0.0.1/33| sip.voip.example.test | A     | out of range",
        "10.0.0.1/x | sip.voip.example.test | A     | bad prefix length",
        "10.0.0.1   |                       | A     | name is required",
        "10.0.0.1   | 'sip voip'            | A     | not a domain name",
        "10.0.0.1   | sip.voip.example.test | MX    | use A, AAAA, SRV or NAPTR",
    })
    void badParametersAreRefusedWithTheReason(String client, String name, String type, String message) {
        assertThatThrownBy(() -> ExplainQuery.parse(client, name, type))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
