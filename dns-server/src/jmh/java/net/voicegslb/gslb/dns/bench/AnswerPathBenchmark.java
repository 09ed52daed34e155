package net.voicegslb.gslb.dns.bench;

import static net.voicegslb.gslb.dns.bench.BenchQueries.query;
import static net.voicegslb.gslb.dns.bench.BenchQueries.wire;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.dns.answer.AnswerCompiler;
import net.voicegslb.gslb.dns.answer.AnswerSnapshot;
import net.voicegslb.gslb.dns.answer.DnsResponder;
import net.voicegslb.gslb.dns.codec.ParsedQuery;
import net.voicegslb.gslb.dns.codec.QueryDecoder;
import net.voicegslb.gslb.dns.codec.ResponseWriter;
import net.voicegslb.gslb.dns.metrics.QueryMetrics;
import net.voicegslb.gslb.dns.metrics.Transport;
import net.voicegslb.gslb.dns.zone.ZoneLoader;
import net.voicegslb.gslb.dns.zone.ZoneSet;
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
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The DNS answer path without sockets: bytes of a query in, bytes of the response out, the way an
 * event loop runs it. Run: {@code bench/jmh dns-server AnswerPathBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AnswerPathBenchmark {

    private DnsResponder responder;
    private final QueryDecoder decoder = new QueryDecoder();
    private final ParsedQuery scratch = new ParsedQuery();
    private final PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private ByteBuf staticA;
    private ByteBuf srvWithEcs;
    private ByteBuf nxdomain;

    @Setup
    public void setUp() throws Exception {
        Name origin = Name.fromString("voip.example.test.");
        var zone = new ZoneLoader().load(Path.of(System.getProperty("gslb.zone",
                "deploy/examples/zones/voip.example.test.zone")), origin);
        responder = new DnsResponder(new AnswerSnapshot(new ZoneSet(List.of(zone)), new AnswerCompiler(), 10_000),
                new ResponseWriter(1232), new QueryMetrics(new SimpleMeterRegistry()));
        staticA = wire(query("sip.voip.example.test.", Type.A));
        Message srv = query("_sip._udp.voip.example.test.", Type.SRV);
        srv.addRecord(new OPTRecord(1232, 0, 0, 0,
                List.of(new ClientSubnetOption(24, InetAddress.getByName("198.51.100.0")))), Section.ADDITIONAL);
        srvWithEcs = wire(srv);
        nxdomain = wire(query("nothere.voip.example.test.", Type.A));
    }



    private int answer(ByteBuf query) {
        ByteBuf out = responder.respond(query, scratch, Transport.UDP, alloc);
        int n = out.readableBytes();
        out.release();
        return n;
    }

    @Benchmark
    public int staticA() {
        return answer(staticA);
    }

    @Benchmark
    public int srvWithClientSubnet() {
        return answer(srvWithEcs);
    }

    @Benchmark
    public int nxdomainFromCache() {
        return answer(nxdomain);
    }

    @Benchmark
    public int decodeOnly() {
        return decoder.decode(srvWithEcs, scratch);
    }
}
