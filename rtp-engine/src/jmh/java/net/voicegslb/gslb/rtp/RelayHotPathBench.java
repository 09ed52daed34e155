package net.voicegslb.gslb.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.rtp.codec.RtcpCompound;
import net.voicegslb.gslb.rtp.codec.RtcpVisitor;
import net.voicegslb.gslb.rtp.session.MediaSession;
import net.voicegslb.gslb.rtp.session.RelayCounters;
import net.voicegslb.gslb.rtp.stats.LegSide;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-packet decision without sockets: validate, latch check, RFC 3550 statistics, and where
 * the packet goes. Run: {@code bench/jmh rtp-engine RelayHotPathBench -f 1 -wi 3 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RelayHotPathBench {

    private static final InetSocketAddress CALLER = new InetSocketAddress("127.0.0.1", 20000);
    private static final InetSocketAddress CALLEE = new InetSocketAddress("127.0.0.1", 20002);

    private MediaSession session;
    private ByteBuf rtp;
    private ByteBuf rtcp;
    private int seq;
    private long now;

    @Setup
    public void setUp() {
        session = new MediaSession("bench", 30000, 30002, Duration.ofSeconds(2), new RelayCounters(), 0);
        session.signal(LegSide.CALLER, CALLER, null, false, 8000);
        session.signal(LegSide.CALLEE, CALLEE, null, false, 8000);
        ByteBuffer b = ByteBuffer.allocateDirect(172);
        b.put((byte) 0x80).put((byte) 0).putShort((short) 0).putInt(0).putInt(0x1234);
        rtp = Unpooled.wrappedBuffer(b.clear());
        ByteBuffer r = ByteBuffer.allocateDirect(32);
        r.put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt(0x1234).putInt(0x5678).putInt(0).putInt(100)
                .putInt(3).putInt(0x2c4a8000).putInt(0x8000);
        rtcp = Unpooled.wrappedBuffer(r.clear());
    }

    @Benchmark
    public InetSocketAddress rtpPacket() {
        seq = (seq + 1) & 0xffff;
        now += 20_000_000L;
        rtp.setShort(2, seq);
        rtp.setInt(4, seq * 160);
        return session.onRtp(LegSide.CALLER, CALLER, rtp, now);
    }

    @Benchmark
    public boolean rtcpWalk(Blackhole bh) {
        return RtcpCompound.visit(rtcp, new RtcpVisitor() {
            @Override
            public void onSenderReport(long s, long n, long t, long p, long o) {
                bh.consume(n);
            }

            @Override
            public void onReportBlock(long r, long s, int f, int c, long h, long j, long l, long d) {
                bh.consume(l);
            }
        });
    }
}
