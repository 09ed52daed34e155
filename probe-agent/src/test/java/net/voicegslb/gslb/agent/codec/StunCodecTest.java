package net.voicegslb.gslb.agent.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** STUN against the RFC 5769 test vector and hand-made malformed responses. */
class StunCodecTest {

    static final byte[] TX = HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae");

    static byte[] vector() throws Exception {
        try (InputStream in = StunCodecTest.class.getResourceAsStream("/wire/stun/rfc5769-ipv4-response.hex")) {
            StringBuilder sb = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int hash = line.indexOf('#');
                sb.append((hash < 0 ? line : line.substring(0, hash)).replaceAll("\\s+", ""));
            }
            return HexFormat.of().parseHex(sb.toString());
        }
    }

    @Test
    void bindingRequestLayout() {
        assertThat(HexFormat.of().formatHex(StunCodec.bindingRequest(TX)))
                .isEqualTo("00010000" + "2112a442" + "b7e7a701bc34d686fa87dfae");
    }

    @Test
    void rfc5769VectorYieldsTheMappedAddress() throws Exception {
        byte[] v = vector();
        assertThat(StunCodec.mappedAddress(v, v.length, TX)).isEqualTo(new InetSocketAddress("192.0.2.1", 32853));
    }

    @Test
    void wrongTransactionTruncationAndLiesAreRefused() throws Exception {
        byte[] v = vector();
        byte[] otherTx = TX.clone();
        otherTx[0] ^= 1;
        assertThat(StunCodec.mappedAddress(v, v.length, otherTx)).isNull();
        for (int len = 0; len < v.length; len++) {
            assertThat(StunCodec.mappedAddress(Arrays.copyOf(v, len), len, TX)).isNull();
        }
        byte[] lying = v.clone();
        lying[22] = 0x7f; // SOFTWARE claims 0x7f0b bytes
        assertThat(StunCodec.mappedAddress(lying, lying.length, TX)).isNull();
        byte[] error = v.clone();
        error[0] = 0x01;
        error[1] = 0x11; // Binding error response
        assertThat(StunCodec.mappedAddress(error, error.length, TX)).isNull();
    }
}
