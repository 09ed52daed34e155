package net.voicegslb.gslb.agent.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.agent.codec.ErrorEstimate;
import net.voicegslb.gslb.agent.codec.MalformedStampException;
import net.voicegslb.gslb.agent.codec.NtpTimestamp;
import net.voicegslb.gslb.agent.codec.StampCodec;
import net.voicegslb.gslb.agent.codec.StampReflectorPacket;
import net.voicegslb.gslb.agent.codec.StampSenderPacket;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;
import net.voicegslb.gslb.policy.telemetry.TelemetryEnvelope;
import net.voicegslb.gslb.policy.telemetry.wire.MalformedFrameException;
import net.voicegslb.gslb.policy.telemetry.wire.TelemetryFrameCodec;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The reflector's per-packet work (decode + answer into a pooled buffer, as the handler does), the
 * sender's answer decode with the NTP conversion, and the telemetry frame codec on a 1,000-prefix
 * batch. Run: {@code bench/jmh probe-agent StampCodecBench -f 1 -wi 3 -i 5 -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StampCodecBench {

    private ByteBuf request;
    private ByteBuf answer;
    private byte[] frame;
    private TelemetryEnvelope envelope;
    private final TelemetryFrameCodec codec = new TelemetryFrameCodec();
    private long t;

    @Setup
    public void setUp() throws Exception {
        request = PooledByteBufAllocator.DEFAULT.directBuffer(44);
        StampCodec.writeSender(new StampSenderPacket(7, NtpTimestamp.fromEpochNanos(1_700_000_000_000_000_000L),
                ErrorEstimate.AGENT_DEFAULT), request);
        answer = PooledByteBufAllocator.DEFAULT.directBuffer(44);
        StampCodec.reflect(request, 1, 2, ErrorEstimate.AGENT_DEFAULT, 255, answer);
        var list = new java.util.ArrayList<PrefixMeasurement>();
        for (int i = 0; i < 1000; i++) {
            list.add(new PrefixMeasurement(new ClientPrefix(false, (0x0A000000L + ((long) i << 8)) << 32, 0, 24),
                    MeasurementSource.STAMP, 20 + i % 13, 1.5, 0.01, 100));
        }
        envelope = TelemetryEnvelope.of("fra-1", 1, 0, MeasurementBatch.of("fra-1", "fra", 0, list));
        frame = codec.encode(envelope);
    }

    @Benchmark
    public int reflectOnePacket() throws MalformedStampException {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer(44);
        long now = NtpTimestamp.fromEpochNanos(1_700_000_000_000_000_000L + (t++));
        StampCodec.reflect(request, now, now, ErrorEstimate.AGENT_DEFAULT, 255, out);
        int n = out.readableBytes();
        out.release();
        return n;
    }

    @Benchmark
    public long readAnswerAndRtt() throws MalformedStampException {
        StampReflectorPacket p = StampCodec.readReflector(answer);
        return p.roundTripNanos(NtpTimestamp.fromEpochNanos(1_700_000_000_050_000_000L));
    }

    @Benchmark
    public byte[] encodeBatchOf1000() {
        return codec.encode(envelope);
    }

    @Benchmark
    public TelemetryEnvelope decodeBatchOf1000() throws MalformedFrameException {
        return codec.decode(frame);
    }
}
