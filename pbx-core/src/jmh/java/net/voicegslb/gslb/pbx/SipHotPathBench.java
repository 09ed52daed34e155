package net.voicegslb.gslb.pbx;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.pbx.codec.ResponseWriter;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.codec.SipParseException;
import net.voicegslb.gslb.pbx.codec.SipParser;
import net.voicegslb.gslb.pbx.config.RegistrarConfig;
import net.voicegslb.gslb.pbx.config.TenantConfig;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.location.LocationStore;
import net.voicegslb.gslb.pbx.metrics.SipMetrics;
import net.voicegslb.gslb.pbx.registrar.Registrar;
import net.voicegslb.gslb.pbx.store.PbxStore;
import net.voicegslb.gslb.pbx.store.TenantDirectory;
import net.voicegslb.gslb.pbx.transaction.Responder;
import net.voicegslb.gslb.pbx.transaction.ServerTransaction;
import net.voicegslb.gslb.pbx.transaction.ServerTransactions;
import net.voicegslb.gslb.pbx.transport.SipConnection;
import net.voicegslb.gslb.pbx.transport.Transport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The REGISTER hot path without sockets: parsing a phone's REGISTER, and parse + transaction +
 * registrar + response encoding for an unauthenticated tenant (what the sip-peers REGISTER run
 * measures end to end). Run: {@code bench/jmh pbx-core SipHotPathBench -f 1 -wi 3 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SipHotPathBench {

    private static final String REGISTER = "REGISTER sip:127.0.0.1:5060 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-%d-1-0\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:user%05d@127.0.0.1>;tag=1234T%d\r\n"
            + "To: <sip:user%05d@127.0.0.1>\r\n"
            + "Call-ID: %d-1234@127.0.0.1\r\n"
            + "CSeq: 1 REGISTER\r\n"
            + "Contact: <sip:user%05d@127.0.0.1:5070>\r\n"
            + "Expires: 3600\r\n"
            + "User-Agent: bench-sipp\r\n"
            + "Content-Length: 0\r\n\r\n";

    private final SipParser parser = new SipParser();
    private byte[][] messages;
    private int next;
    private EmbeddedChannel channel;
    private Registrar registrar;
    private ServerTransactions transactions;
    private SipConnection connection;

    @Setup(Level.Trial)
    public void setup() {
        messages = new byte[4096][];
        for (int i = 0; i < messages.length; i++) {
            int u = i % 10_000 + 1;
            messages[i] = String.format(REGISTER, i, u, i, u, i, u).getBytes(StandardCharsets.US_ASCII);
        }
        PbxStore store = PbxStore.inMemory("bench" + System.nanoTime());
        TenantDirectory tenants = new TenantDirectory();
        store.upsertTenant("127.0.0.1", false);
        tenants.reload(List.of(new TenantConfig("127.0.0.1", List.of(), false, List.of(), null, 1)), store);
        SipMetrics metrics = new SipMetrics(new SimpleMeterRegistry());
        registrar = new Registrar(tenants, null, new LocationStore(), RegistrarConfig.defaults(),
                new Responder(new ResponseWriter("bench"), metrics), PassiveObserver.NONE, metrics,
                System::currentTimeMillis);
        // the 4096 messages repeat, so transactions must not outlive an iteration here or the
        // repeats would measure retransmission absorption instead of registration
        transactions = new ServerTransactions(System::currentTimeMillis, -1);
        channel = new EmbeddedChannel();
        connection = new SipConnection(Transport.UDP, channel, new InetSocketAddress("127.0.0.1", 5070));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    private byte[] nextMessage() {
        byte[] m = messages[next++ & (messages.length - 1)];
        return m.clone(); // the transport copies each datagram once, so does the benchmark
    }

    @Benchmark
    public SipMessage parseRegister() throws SipParseException {
        byte[] b = nextMessage();
        return parser.parse(b, b.length, true);
    }

    @Benchmark
    public int registerWithoutAuth() throws SipParseException {
        byte[] b = nextMessage();
        SipMessage m = parser.parse(b, b.length, true);
        transactions.expire();
        ServerTransaction tx = transactions.begin(m, connection);
        registrar.register(m, tx);
        if ((next & 255) == 0) {
            channel.releaseOutbound();
        }
        return m.headerCount();
    }
}
