package net.voicegslb.gslb.policy.telemetry.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.model.SipEndpoint;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.telemetry.HealthFlag;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;
import net.voicegslb.gslb.policy.telemetry.ProbeTarget;
import net.voicegslb.gslb.policy.telemetry.ProbeTargetList;
import net.voicegslb.gslb.policy.telemetry.TelemetryEnvelope;
import net.voicegslb.gslb.policy.telemetry.WireProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The frame layout pinned by hand-annotated fixtures in src/test/resources/wire/telemetry: the
 * encoder must produce exactly these bytes and the decoder must read them back to the same record.
 * The DNS server's ingest relies on the same fixtures staying valid.
 */
class TelemetryFrameGoldenTest {

    static final long T = 1_700_000_000_000L;
    private final TelemetryFrameCodec codec = new TelemetryFrameCodec();

    static byte[] fixture(String name) {
        try (InputStream in = TelemetryFrameGoldenTest.class.getResourceAsStream("/wire/telemetry/" + name)) {
            return hex(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hex with '#' comments and any whitespace. */
    static byte[] hex(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            sb.append((hash < 0 ? line : line.substring(0, hash)).replaceAll("\\s+", ""));
        }
        return HexFormat.of().parseHex(sb.toString());
    }

    static TelemetryEnvelope heartbeat() {
        return TelemetryEnvelope.of("fra-1", 7, T, new NodeHeartbeat(WireProtocol.VERSION, "fra-1", 42,
                EnumSet.of(HealthFlag.OVERLOADED, HealthFlag.RTP_PORTS_LOW), 12, 340, 1000, 0.25));
    }

    static TelemetryEnvelope batch() {
        return TelemetryEnvelope.of("fra-1", 8, T, new MeasurementBatch(WireProtocol.VERSION, "fra-1", "fra", T,
                List.of(new PrefixMeasurement(ClientPrefix.parse("192.0.2.0/24"), MeasurementSource.STAMP,
                                23.5, 1.25, 0.01, 250),
                        new PrefixMeasurement(ClientPrefix.parse("2001:db8:1::/48"), MeasurementSource.RTP,
                                23.5, 1.25, 0.01, 1)), true));
    }

    static TelemetryEnvelope targets() throws Exception {
        return TelemetryEnvelope.of("dns-a", 1, T, new ProbeTargetList(WireProtocol.VERSION, 3,
                List.of(new ProbeTarget(ClientPrefix.parse("198.51.100.0/24"),
                        InetAddress.getByName("198.51.100.53"), MeasurementSource.DNS_PROBE, 2.0))));
    }

    static TelemetryEnvelope hello() throws Exception {
        return TelemetryEnvelope.of("fra-1", 1, T, new NodeHello(WireProtocol.VERSION, "fra-1", "fra",
                "fra-1.example", List.of(InetAddress.getByName("192.0.10.11")),
                List.of(new SipEndpoint(SipTransport.UDP, 5060), new SipEndpoint(SipTransport.TLS, 5061)),
                500, "0.1.0", 1000));
    }

    @Test
    void heartbeatMatchesHandWrittenBytes() throws Exception {
        assertRoundTrip(heartbeat(), "heartbeat.hex");
    }

    @Test
    void snapshotBatchMatchesFixture() throws Exception {
        assertRoundTrip(batch(), "batch-snapshot.hex");
    }

    @Test
    void probeTargetListMatchesFixture() throws Exception {
        assertRoundTrip(targets(), "probe-targets.hex");
    }

    @Test
    void helloMatchesFixture() throws Exception {
        assertRoundTrip(hello(), "hello.hex");
    }

    private void assertRoundTrip(TelemetryEnvelope envelope, String fixture) throws Exception {
        byte[] expected = fixture(fixture);
        assertThat(HexFormat.of().formatHex(codec.encode(envelope))).isEqualTo(HexFormat.of().formatHex(expected));
        assertThat(codec.decode(expected)).isEqualTo(envelope);
        // Every strict prefix of a valid frame is truncated, never silently accepted.
        for (int len = 0; len < expected.length; len++) {
            int n = len;
            assertThatThrownBy(() -> codec.decode(expected, 0, n)).isInstanceOf(MalformedFrameException.class);
        }
    }

    static Stream<String[]> malformed() throws IOException {
        try (InputStream in = TelemetryFrameGoldenTest.class.getResourceAsStream("/wire/telemetry/malformed.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\\|", 2)).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedFramesAreRejectedWithAReason(String expectedMessage, String hexFrame) {
        byte[] frame = hex(hexFrame);
        assertThatThrownBy(() -> codec.decode(frame)).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining(expectedMessage.trim());
    }

    @Test
    void oversizedFramesAreRefusedUnread() {
        byte[] big = new byte[TelemetryFrameCodec.MAX_FRAME_BYTES + 1];
        assertThatThrownBy(() -> codec.decode(big)).hasMessageContaining("exceeds");
    }

    @Test
    void stringsLongerThan255BytesAreRefusedByTheEncoder() {
        String id = "n".repeat(256);
        assertThatThrownBy(() -> codec.encode(TelemetryEnvelope.of(id, 1, T, NodeHeartbeat.healthy(id, 1, 0, 0, 0))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyPrefixLengthRoundTrips() throws Exception {
        for (int len = 0; len <= 128; len++) {
            ClientPrefix p6 = ClientPrefix.of(InetAddress.getByName("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"), len);
            ClientPrefix p4 = len <= 32 ? ClientPrefix.of(InetAddress.getByName("203.0.113.255"), len) : p6;
            for (ClientPrefix p : List.of(p4, p6)) {
                var env = TelemetryEnvelope.of("n", 1, T, MeasurementBatch.of("n", "s", T,
                        List.of(new PrefixMeasurement(p, MeasurementSource.DNS_PROBE, 1, 0, 0, 1))));
                var back = (MeasurementBatch) codec.decode(codec.encode(env)).payload();
                assertThat(back.measurements().get(0).prefix()).isEqualTo(p);
            }
        }
    }
}
