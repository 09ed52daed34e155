package net.voicegslb.gslb.dns.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.voicegslb.gslb.policy.telemetry.TelemetryEnvelope;
import net.voicegslb.gslb.policy.telemetry.wire.MalformedFrameException;
import net.voicegslb.gslb.policy.telemetry.wire.TelemetryFrameCodec;
import org.junit.jupiter.api.Test;

/**
 * Whatever bytes an authenticated agent sends, the ingest's frame path (triage, decode, validate)
 * either accepts the frame or names a reason; it never throws. Mutates real frames in every build;
 * fuzz for real with {@code JAZZER_FUZZ=1 ./mvnw -pl dns-server test -Dtest=FrameIngestFuzzTest}.
 */
class FrameIngestFuzzTest {

    static final long NOW = 1_700_000_000_000L;
    static final TelemetryFrameCodec CODEC = new TelemetryFrameCodec();
    static final FrameValidator VALIDATOR = new FrameValidator(Duration.ofSeconds(30));
    static final StreamState OPEN = new StreamState("fra-1", "fra", 0, true);
    static final StreamState FRESH = new StreamState("fra-1", "fra", 0, false);

    /** Runs one frame through the path; returns the reason, or empty when accepted. */
    static Optional<RejectReason> ingest(byte[] frame, StreamState stream) {
        FrameTriage.isHeartbeat(frame);
        TelemetryEnvelope env;
        try {
            env = CODEC.decode(frame);
        } catch (MalformedFrameException e) {
            RejectReason r = FrameTriage.undecodable(frame, e);
            assertThat(r).isIn(RejectReason.MALFORMED, RejectReason.OUT_OF_RANGE, RejectReason.UNSUPPORTED_VERSION);
            return Optional.of(r);
        }
        return VALIDATOR.validate(env, stream, NOW);
    }

    @FuzzTest(maxDuration = "60s")
    void anyBytesAreAcceptedOrRefusedWithAReason(byte[] data) {
        ingest(data, OPEN);
        ingest(data, FRESH);
    }

    @Test
    void mutatedRealFramesAreAcceptedOrRefusedWithAReason() {
        List<byte[]> seeds = List.of(
                CODEC.encode(TelemetryEnvelope.of("fra-1", 1, NOW, Frames.hello("fra-1", "fra"))),
                CODEC.encode(TelemetryEnvelope.of("fra-1", 2, NOW, Frames.heartbeat("fra-1"))),
                CODEC.encode(TelemetryEnvelope.of("fra-1", 3, NOW,
                        Frames.batch("fra-1", "fra", "192.0.2.0/24", "2001:db8::/48", "10.0.0.0/8"))));
        for (byte[] seed : seeds) {
            assertThat(ingest(seed, OPEN)).as("the unmutated seed is good").isEmpty();
        }
        Random random = new Random(5);
        int refused = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] f = seeds.get(random.nextInt(seeds.size())).clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                f[random.nextInt(f.length)] = (byte) random.nextInt(256);
            }
            if (ingest(f, OPEN).isPresent()) {
                refused++;
            }
        }
        assertThat(refused).as("most mutations break something").isGreaterThan(5_000);
    }
}
