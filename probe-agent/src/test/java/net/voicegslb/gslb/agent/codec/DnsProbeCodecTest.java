package net.voicegslb.gslb.agent.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DnsProbeCodecTest {

    @Test
    void queryIsNonRecursiveWithOneQuestion() {
        // id 0x1234, flags 0 (RD clear), QD 1; "voip.example." SOA IN
        assertThat(HexFormat.of().formatHex(DnsProbeCodec.query(0x1234, "voip.example", 6)))
                .isEqualTo("123400000001000000000000" + "04766f6970076578616d706c6500" + "00060001");
    }

    @Test
    void responsesAreRecognisedByQrAndAnyRcodeCounts() {
        byte[] refused = HexFormat.of().parseHex("123480050001000000000000");
        assertThat(DnsProbeCodec.responseId(refused, 12)).isEqualTo(0x1234);
        assertThat(DnsProbeCodec.rcode(refused)).isEqualTo(5);
        byte[] query = DnsProbeCodec.query(0x1234, "x", 1);
        assertThat(DnsProbeCodec.responseId(query, query.length)).as("QR clear: a query, not an answer").isEqualTo(-1);
        assertThat(DnsProbeCodec.responseId(new byte[5], 5)).isEqualTo(-1);
    }

    @Test
    void badNamesAreRefused() {
        assertThatThrownBy(() -> DnsProbeCodec.query(1, "a..b", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DnsProbeCodec.query(1, "x".repeat(64), 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
