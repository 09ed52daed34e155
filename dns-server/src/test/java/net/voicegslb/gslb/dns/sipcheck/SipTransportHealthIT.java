package net.voicegslb.gslb.dns.sipcheck;

import net.voicegslb.gslb.policy.testing.ExternalTool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.common.testing.SipResponder;
import net.voicegslb.gslb.dns.DnsNode;
import net.voicegslb.gslb.dns.config.ConfigLoader;
import net.voicegslb.gslb.policy.model.SipEndpoint;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import net.voicegslb.gslb.policy.telemetry.TelemetryEnvelope;
import net.voicegslb.gslb.policy.telemetry.WireProtocol;
import net.voicegslb.gslb.policy.telemetry.wire.TelemetryFrameCodec;
import net.voicegslb.gslb.policy.testing.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Health per (node, transport), over the wire: a running DNS node checks two fake PBX nodes on
 * loopback and answers real DNS queries. Node {@code a} answers OPTIONS on UDP, TCP and TLS (a
 * certificate for its host name, from a CA made at test time); node {@code b} on UDP, and on TLS
 * with a certificate that expired yesterday. Killing a's TLS listener must take a out of
 * {@code _sips._tcp} (what the {@code SIPS+D2T} NAPTR choice leads to) within the fall bound while
 * {@code _sip._udp} keeps it; b's expired certificate keeps b out of {@code _sips._tcp} from the
 * start; explain shows each transport's state. Seen with {@code dig} like a phone's resolver would:
 * the NAPTR set at the service domain drops {@code SIPS+D2T} within the fall bound once no node's
 * TLS listener answers, and takes it back within the rise bound when a's listener returns.
 */
class SipTransportHealthIT {

    private static final String A_HOST = "a.nodes.voip.example.test";
    private static final String B_HOST = "b.nodes.voip.example.test";
    /**
     * Until every listener is seen as the test expects at the start: the first TLS checks of a cold
     * JVM can outlast the 200 ms timeout on a loaded machine, and rise takes its checks after that.
     * Only the precondition waits this long; the fall and rise bounds below are the measured claims.
     */
    private static final Duration START = Duration.ofSeconds(60);
    private static final long INTERVAL_MILLIS = 200;
    private static final long TIMEOUT_MILLIS = 200;
    private static final int FALL = 2;
    /** fall checks, each up to an interval apart plus its timeout, then the 20 ms answer refresh; slack for a busy CI. */
    private static final long FALL_BOUND_MILLIS = FALL * INTERVAL_MILLIS + TIMEOUT_MILLIS + 20 + 1_000;
    /** rise (1) check an interval away, its timeout, the answer refresh; same slack. */
    private static final long RISE_BOUND_MILLIS = INTERVAL_MILLIS + TIMEOUT_MILLIS + 20 + 1_000;

    @TempDir
    Path dir;
    private final List<SipResponder> responders = new ArrayList<>();
    private SipResponder aTls;
    private javax.net.ssl.SSLContext aTlsContext;
    private DnsNode node;
    private Vertx vertx;
    private WebSocketClient ws;
    private final List<Long> timers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        TestCertificates certs = new TestCertificates(dir);
        Path ca = certs.ca("test-ca");
        SipResponder.Reply ok = SipResponder.status("200 OK");
        SipResponder aUdp = responder(SipResponder.udp(ok));
        SipResponder aTcp = responder(SipResponder.tcp(ok));
        aTlsContext = TestCertificates.serverContext(certs.server("a", A_HOST, "test-ca"));
        aTls = responder(SipResponder.tls(ok, aTlsContext));
        SipResponder bUdp = responder(SipResponder.udp(ok));
        SipResponder bTls = responder(SipResponder.tls(ok,
                TestCertificates.serverContext(certs.expired("b", B_HOST, "test-ca"))));
        copy("voip.example.test.zone");
        for (String id : List.of("a", "b")) {
            Path token = dir.resolve(id + ".token");
            Files.writeString(token, id + "-transport-health-token\n");
            Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(dir.resolve("gslb.yaml"), """
                dns:
                  listen: [127.0.0.1:%d]
                zones:
                  - origin: voip.example.test
                    file: voip.example.test.zone
                admin:
                  listen: "off"
                gslb:
                  answers: {ttl: 20s, transition_ttl: 5s, nodes: 2}
                  health: {heartbeat_interval: 1s, missed_heartbeats: 3, rise: 1}
                  sip_check:
                    interval: %dms
                    timeout: %dms
                    rise: 1
                    fall: %d
                    tls: {trust_pem: %s, expiry_warning: 14d}
                  telemetry: {listen: 127.0.0.1:%d, allow_plaintext: true}
                  events: {database: "jdbc:h2:mem:transport-health-%d;DB_CLOSE_DELAY=-1"}
                  sites:
                    fra: {region: eu, capacity_calls: 1000}
                  nodes:
                    a: {site: fra, hostname: %s, ipv4: [127.0.0.1], sip: [udp:%d, tcp:%d, tls:%d], token_file: a.token}
                    b: {site: fra, hostname: %s, ipv4: [127.0.0.1], sip: [udp:%d, tls:%d], token_file: b.token}
                  services:
                    - {domain: voip.example.test, host: sip, pool: [fra]}
                """.formatted(freePort(), INTERVAL_MILLIS, TIMEOUT_MILLIS, FALL, ca.getFileName(), freePort(),
                System.nanoTime(), A_HOST, aUdp.address().getPort(), aTcp.address().getPort(),
                aTls.address().getPort(), B_HOST, bUdp.address().getPort(), bTls.address().getPort()));
        node = DnsNode.start(new ConfigLoader().load(dir.resolve("gslb.yaml")), false);
        vertx = Vertx.vertx();
        ws = vertx.createWebSocketClient();
        for (String id : List.of("a", "b")) {
            heartbeats(id);
        }
    }

    @AfterEach
    void stop() throws Exception {
        timers.forEach(t -> vertx.cancelTimer(t));
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (node != null) {
            node.close();
        }
        for (SipResponder r : responders) {
            r.close();
        }
    }

    @Test
    void aDeadTlsListenerLeavesSipsButNotSipUdp() throws Exception {
        await().atMost(START).pollInterval(Duration.ofMillis(50))
                .until(() -> srvTargets("_sips._tcp").equals(Set.of(A_HOST))
                        && srvTargets("_sip._udp").equals(Set.of(A_HOST, B_HOST)));
        assertThat(srvTargets("_sip._tcp")).isEqualTo(Set.of(A_HOST));
        String before = explain("_sips._tcp.voip.example.test");
        assertThat(before).as(before)
                .containsPattern("node b UP since .*\\n.*sip udp up since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ, .* ago")
                .containsPattern("sip tls down since [^\\n]*: tls 127\\.0\\.0\\.1:\\d+: TLS certificate expired "
                        + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ, (\\d+ h|1 d)[^\\n]* ago")
                .containsPattern("node a UP since [^\\n]*\\n(.*\\n)*?.*sip tls up since");

        aTls.close();
        long killed = System.nanoTime();
        await().atMost(Duration.ofMillis(FALL_BOUND_MILLIS + 5_000)).pollInterval(Duration.ofMillis(20))
                .until(() -> !srvTargets("_sips._tcp").contains(A_HOST));
        long tookMillis = (System.nanoTime() - killed) / 1_000_000;
        assertThat(tookMillis).as("a left _sips._tcp %d ms after its TLS listener died", tookMillis)
                .isLessThanOrEqualTo(FALL_BOUND_MILLIS);
        assertThat(srvTargets("_sip._udp")).as("UDP still serves").isEqualTo(Set.of(A_HOST, B_HOST));
        assertThat(srvTargets("_sip._tcp")).isEqualTo(Set.of(A_HOST));
        assertThat(query("sip.voip.example.test", Type.A)).as("A/AAAA: a still serves UDP and TCP").isNotEmpty();

        // A phone following NAPTR (RFC 3263) is no longer offered the SIPS+D2T choice: nobody serves it.
        assertThat(query("voip.example.test", Type.NAPTR)).extracting(r -> ((NAPTRRecord) r).getService())
                .containsExactly("SIP+D2T", "SIP+D2U");
        assertThat(query("_sips._tcp.voip.example.test", Type.SRV)).isEmpty();

        String after = explain("_sips._tcp.voip.example.test");
        assertThat(after).as(after).containsPattern("node a UP since [^\\n]*SIP udp up; tcp up; tls down")
                .containsPattern("sip tls down since [^\\n]*, last check [^\\n]*: tls 127\\.0\\.0\\.1:\\d+: connection refused")
                .containsPattern("sip udp up since");
    }

    @Test
    void naptrDropsSipsWhileNoTlsListenerAnswersAndTakesItBackAfterRise() throws Exception {
        Path dig = ExternalTool.require("dig", "bind9-dnsutils");
        await().atMost(START).pollInterval(Duration.ofMillis(50))
                .until(() -> digNaptr(dig).equals(List.of("SIPS+D2T", "SIP+D2T", "SIP+D2U"))
                        && digSrvTargets(dig, "_sips._tcp").equals(Set.of(A_HOST)));

        int port = aTls.address().getPort();
        aTls.close();
        long killed = System.nanoTime();
        await().atMost(Duration.ofMillis(FALL_BOUND_MILLIS + 5_000)).pollInterval(Duration.ofMillis(20))
                .until(() -> !digNaptr(dig).contains("SIPS+D2T"));
        long fellMillis = (System.nanoTime() - killed) / 1_000_000;
        assertThat(fellMillis).as("SIPS+D2T left the NAPTR set %d ms after the last TLS listener died", fellMillis)
                .isLessThanOrEqualTo(FALL_BOUND_MILLIS);
        assertThat(digNaptr(dig)).containsExactly("SIP+D2T", "SIP+D2U");
        assertThat(digSrvTargets(dig, "_sip._udp")).as("_sip._udp still names a").contains(A_HOST);
        assertThat(digSrvTargets(dig, "_sips._tcp")).isEmpty();

        aTls = responder(SipResponder.tls(SipResponder.status("200 OK"), aTlsContext, port));
        long back = System.nanoTime();
        await().atMost(Duration.ofMillis(RISE_BOUND_MILLIS + 5_000)).pollInterval(Duration.ofMillis(20))
                .until(() -> digNaptr(dig).contains("SIPS+D2T"));
        long roseMillis = (System.nanoTime() - back) / 1_000_000;
        assertThat(roseMillis).as("SIPS+D2T came back %d ms after a's TLS listener did", roseMillis)
                .isLessThanOrEqualTo(RISE_BOUND_MILLIS);
        assertThat(digNaptr(dig)).containsExactly("SIPS+D2T", "SIP+D2T", "SIP+D2U");
        assertThat(digSrvTargets(dig, "_sips._tcp")).isEqualTo(Set.of(A_HOST));
    }

    /** The NAPTR services at the service domain, in answer order, as dig prints them. */
    private List<String> digNaptr(Path dig) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : dig(dig, "NAPTR", "voip.example.test")) {
            String[] f = line.split("\\s+"); // 10 50 "s" "SIPS+D2T" "" _sips._tcp.voip.example.test.
            out.add(f[3].replace("\"", ""));
        }
        return out;
    }

    private Set<String> digSrvTargets(Path dig, String prefix) throws Exception {
        Set<String> out = new TreeSet<>();
        for (String line : dig(dig, "SRV", prefix + ".voip.example.test")) {
            String t = line.split("\\s+")[3]; // 10 100 5060 a.nodes.voip.example.test.
            out.add(t.substring(0, t.length() - 1));
        }
        return out;
    }

    /** {@code dig +short} over UDP against the node; one try, bounded in time. */
    private List<String> dig(Path dig, String type, String name) throws Exception {
        InetSocketAddress server = node.dnsAddresses().get(0);
        Process p = new ProcessBuilder(dig.toString(), "@" + server.getAddress().getHostAddress(),
                "-p", Integer.toString(server.getPort()), "+short", "+tries=1", "+time=2", type, name)
                .redirectErrorStream(true).start();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("dig did not finish within 5 s");
        }
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        if (p.exitValue() != 0) {
            throw new IOException("dig exited " + p.exitValue() + ": " + output);
        }
        return output.lines().filter(l -> !l.isBlank()).toList();
    }

    private SipResponder responder(SipResponder r) {
        responders.add(r);
        return r;
    }

    private String explain(String name) {
        return node.gslb().explainer().explain(InetAddress.getLoopbackAddress(), -1, name, Type.SRV).text();
    }

    private Set<String> srvTargets(String prefix) throws IOException {
        Set<String> out = new TreeSet<>();
        for (Record r : query(prefix + ".voip.example.test", Type.SRV)) {
            String t = ((SRVRecord) r).getTarget().toString();
            out.add(t.substring(0, t.length() - 1));
        }
        return out;
    }

    private List<Record> query(String name, int type) throws IOException {
        InetSocketAddress server = node.dnsAddresses().get(0);
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(Duration.ofSeconds(2));
        Message response = resolver.send(Message.newQuery(Record.newRecord(
                Name.fromString(name.endsWith(".") ? name : name + "."), type, DClass.IN)));
        return response.getSection(Section.ANSWER).stream().filter(r -> r.getType() == type).toList();
    }

    /** The node's agent: hello, then a heartbeat every 300 ms over plaintext telemetry on loopback. */
    private void heartbeats(String id) throws Exception {
        WebSocket socket = ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
                        .setPort(node.gslb().telemetryPort()).setURI("/telemetry/v1")
                        .addHeader("Authorization", "Bearer " + id + "-transport-health-token"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        TelemetryFrameCodec codec = new TelemetryFrameCodec();
        long[] sequence = {0};
        socket.writeBinaryMessage(Buffer.buffer(codec.encode(TelemetryEnvelope.of(id, ++sequence[0],
                System.currentTimeMillis(), new NodeHello(WireProtocol.VERSION, id, "fra", id + ".nodes.voip.example.test",
                        List.of(InetAddress.getLoopbackAddress()), List.of(new SipEndpoint(SipTransport.UDP, 5060)), 1000,
                        "transport-health-test", 1000)))));
        timers.add(vertx.setPeriodic(0, 300, t -> socket.writeBinaryMessage(Buffer.buffer(codec.encode(
                TelemetryEnvelope.of(id, ++sequence[0], System.currentTimeMillis(),
                        new NodeHeartbeat(WireProtocol.VERSION, id, 1, Set.of(), 0, 100, 500, 0.1)))))));
    }

    private void copy(String name) throws IOException {
        try (InputStream in = SipTransportHealthIT.class.getResourceAsStream("/gslb/" + name)) {
            Files.copy(in, dir.resolve(name));
        }
    }

    /** A port free for TCP and UDP on 127.0.0.1 right now (the config wants a real port). */
    private static int freePort() throws IOException {
        return net.voicegslb.gslb.policy.testing.TestPorts.udpAndTcp();
    }
}
