package net.voicegslb.gslb.rtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BencodeTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void decodesNgOffer() throws Exception {
        Object v = Bencode.decode(b("d7:call-id3:abc7:command5:offer7:replacel6:origine5:counti-42ee"), 0);
        assertThat(v).isEqualTo(Map.of("call-id", "abc", "command", "offer", "replace", List.of("origin"),
                "count", -42L));
    }

    @Test
    void decodesFromOffsetAfterCookie() throws Exception {
        byte[] msg = b("cookie d6:result4:ponge");
        assertThat(Bencode.decode(msg, 7)).isEqualTo(Map.of("result", "pong"));
    }

    @Test
    void encodesWithSortedKeys() {
        assertThat(new String(Bencode.encode(Map.of("sdp", "v=0", "result", "ok", "n", 3)), StandardCharsets.ISO_8859_1))
                .isEqualTo("d1:ni3e6:result2:ok3:sdp3:v=0e");
    }

    @Test
    void roundTripsBinaryStrings() throws Exception {
        String s = "\u00ff\u0000\u0080";
        assertThat(Bencode.decode(Bencode.encode(List.of(s)), 0)).isEqualTo(List.of(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "d", "i12", "ie", "i-e", "5:abc", "d3:keye", "di1e1:ae", "x", "i1ei2e",
            "99999999999999999999:a", "i1234567890123456789e", "l"})
    void rejectsMalformed(String input) {
        assertThatThrownBy(() -> Bencode.decode(b(input), 0)).isInstanceOf(BencodeException.class);
    }

    @Test
    void boundsNesting() {
        String deep = "l".repeat(100) + "e".repeat(100);
        assertThatThrownBy(() -> Bencode.decode(b(deep), 0)).hasMessageContaining("nesting");
    }
}
