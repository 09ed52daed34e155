package net.voicegslb.gslb.dns.bench;

import static net.voicegslb.gslb.dns.bench.BenchQueries.query;
import static net.voicegslb.gslb.dns.bench.BenchQueries.wire;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.voicegslb.gslb.dns.answer.AnswerCompiler;
import net.voicegslb.gslb.dns.answer.AnswerSnapshot;
import net.voicegslb.gslb.dns.answer.DnsResponder;
import net.voicegslb.gslb.dns.codec.ParsedQuery;
import net.voicegslb.gslb.dns.codec.ResponseWriter;
import net.voicegslb.gslb.dns.config.ConfigLoader;
import net.voicegslb.gslb.dns.config.DnsConfig;
import net.voicegslb.gslb.dns.events.EventLog;
import net.voicegslb.gslb.dns.events.EventStore;
import net.voicegslb.gslb.dns.gslb.GslbQueryPath;
import net.voicegslb.gslb.dns.gslb.GslbService;
import net.voicegslb.gslb.dns.metrics.QueryMetrics;
import net.voicegslb.gslb.dns.metrics.Transport;
import net.voicegslb.gslb.dns.zone.ZoneSetLoader;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The dynamic answer path without sockets, beside a static answer of the same server: a resolver
 * without ECS (one client key), ECS queries spread over 4,096 measured /24s (table hits), and
 * the ranking done on the query thread when a precomputed answer is missing, and an ECS flood:
 * every query from a random /24 nobody measured.
 * Run: {@code bench/jmh dns-server DynamicAnswerBenchmark} ({@code -p counted=true,false} compares
 * with and without the dashboard's query counting).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DynamicAnswerBenchmark {

    private static final int PREFIXES = 4096;

    /** With the dashboard's sampled query counting (one query in 16) or without: its cost. */
    @Param({"true", "false"})
    public boolean counted;
    private static final int FLOOD = 1 << 16;

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final ParsedQuery scratch = new ParsedQuery();
    private final PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private GslbService service;
    private GslbService.Layer layer;
    private EventLog events;
    private DnsResponder responder;
    private Object clientScratch;
    private InetAddress resolver;
    private ByteBuf staticA;
    private ByteBuf dynamicA;
    private ByteBuf dynamicSrv;
    private ByteBuf[] ecsA;
    private ByteBuf[] floodA;
    private int nextFlood;
    private ClientPrefix[] prefixes;
    private Name sip;
    private int next;

    @Setup
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("gslb-bench");
        for (String f : List.of("gslb.yaml", "voip.example.test.zone")) {
            try (InputStream in = DynamicAnswerBenchmark.class.getResourceAsStream("/gslb/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        DnsConfig config = new ConfigLoader().load(dir.resolve("gslb.yaml"));
        events = new EventLog(EventStore.open("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1"), java.time.Duration.ofDays(1),
                new SimpleMeterRegistry());
        service = new GslbService(config.gslb(), events, r -> { }, clock::get);
        layer = service.prepare(config.gslb(), new ZoneSetLoader().load(config.zones()));
        service.activate(layer);
        long seq = 0;
        for (String n : List.of("fra-1", "fra-2", "nyc-1", "sin-1")) {
            service.engine().onHeartbeat(NodeHeartbeat.healthy(n, ++seq, 0, 1000, 0.1), clock.get());
        }
        ecsA = new ByteBuf[PREFIXES];
        prefixes = new ClientPrefix[PREFIXES];
        sip = Name.fromString("sip.voip.example.test.");
        for (int i = 0; i < PREFIXES; i++) {
            String p = "10." + (i >> 8) + "." + (i & 0xFF) + ".0";
            for (String site : List.of("fra", "nyc", "sin")) {
                service.engine().onMeasurements(MeasurementBatch.of(site + "-1", site, clock.get(), List.of(
                        new PrefixMeasurement(ClientPrefix.parse(p + "/24"), MeasurementSource.STAMP,
                                20 + ((i + site.hashCode()) & 127), 1, 0, 100))), clock.get());
            }
            prefixes[i] = ClientPrefix.parse(p + "/24");
            Message m = query("sip.voip.example.test.", Type.A);
            m.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(new ClientSubnetOption(24, InetAddress.getByName(p)))),
                    Section.ADDITIONAL);
            ecsA[i] = wire(m);
        }
        AnswerSnapshot snapshot = new AnswerSnapshot(layer.zones(), new AnswerCompiler(), 10_000,
                layer.names().byName());
        responder = new DnsResponder(snapshot, new ResponseWriter(1232), new QueryMetrics(new SimpleMeterRegistry()));
        responder.replace(snapshot, new ResponseWriter(1232), counted ? layer.queryPath()
                : new GslbQueryPath(layer.answers(), 24, 48, r -> { }, clock::get));
        clientScratch = responder.newScratch();
        resolver = InetAddress.getByName("10.0.0.53");
        staticA = wire(query("ns1.voip.example.test.", Type.A));
        dynamicA = wire(query("sip.voip.example.test.", Type.A));
        dynamicSrv = wire(query("_sip._udp.voip.example.test.", Type.SRV));
        floodA = new ByteBuf[FLOOD];
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int i = 0; i < FLOOD; i++) {
            String p = (100 + random.nextInt(100)) + "." + random.nextInt(256) + "." + random.nextInt(256) + ".0";
            Message m = query("sip.voip.example.test.", Type.A);
            m.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(new ClientSubnetOption(24, InetAddress.getByName(p)))),
                    Section.ADDITIONAL);
            floodA[i] = wire(m);
        }
        // Every key (and one flood client) asks until the refresher has precomputed them all: it takes
        // a bounded number of newcomers per round, as it does every 20 ms in a running server.
        for (int pass = 0; pass < 100; pass++) {
            answer(dynamicA);
            answer(dynamicSrv);
            for (ByteBuf q : ecsA) {
                answer(q);
            }
            answer(floodA[0]);
            if (!layer.answers().refresh(layer.slots())) {
                break;
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        service.close();
        events.close();
    }



    private int answer(ByteBuf query) {
        ByteBuf out = responder.respond(query, scratch, Transport.UDP, alloc, resolver, clientScratch);
        int n = out.readableBytes();
        out.release();
        return n;
    }

    @Benchmark
    public int staticA() {
        return answer(staticA);
    }

    @Benchmark
    public int dynamicAFromResolver() {
        return answer(dynamicA);
    }

    @Benchmark
    public int dynamicSrvFromResolver() {
        return answer(dynamicSrv);
    }

    @Benchmark
    public int dynamicAWithEcsOver4096Prefixes() {
        next = (next + 1) & (PREFIXES - 1);
        return answer(ecsA[next]);
    }

    /**
     * Random ECS /24s nobody measured, each one new to the answer table (no refresher runs here): what
     * an ECS flood costs the query thread.
     */
    @Benchmark
    public int dynamicAUnderRandomEcsFlood() {
        nextFlood = (nextFlood + 1) & (FLOOD - 1);
        return answer(floodA[nextFlood]);
    }

    /** Every query ranks and encodes: what a client key not yet in the table costs. */
    @Benchmark
    public int rankAndEncodeOnTheQueryThread() {
        next = (next + 1) & (PREFIXES - 1);
        clock.incrementAndGet(); // each answer is past its validity: recomputed
        return layer.builder().build(layer.names().get(sip), Type.A,
                service.engine().rank("voip.example.test", prefixes[next], null, clock.get()), clock.get())
                .rotations().length;
    }
}
