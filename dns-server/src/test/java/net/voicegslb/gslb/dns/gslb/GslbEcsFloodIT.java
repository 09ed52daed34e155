package net.voicegslb.gslb.dns.gslb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.voicegslb.gslb.dns.DnsNode;
import net.voicegslb.gslb.dns.config.ConfigLoader;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.model.SipEndpoint;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;
import net.voicegslb.gslb.policy.telemetry.TelemetryEnvelope;
import net.voicegslb.gslb.policy.telemetry.TelemetryMessage;
import net.voicegslb.gslb.policy.telemetry.WireProtocol;
import net.voicegslb.gslb.policy.telemetry.wire.TelemetryFrameCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Random ECS prefixes against a running DNS node fed by real telemetry over WebSockets: about 2,000
 * queries a second, each from a /24 nobody measured, for 15 s, while site fra's agents fall silent.
 * fra must leave a measured client's answers within the failover bound of the lab's failover test
 * (3 s heartbeat timeout + 400 ms), the node must keep answering, and the answer table must hold a
 * handful of decision prefixes, not one entry per random /24.
 */
class GslbEcsFloodIT {

    private static final String CLIENT_A = "203.0.113.0/24"; // measured: fra is best
    private static final String CLIENT_B = "198.18.7.0/24";  // measured: nyc is best
    private static final List<String> FRA = List.of("192.0.2.11", "192.0.2.12");
    private static final List<String> NODES = List.of("fra-1", "fra-2", "nyc-1", "sin-1");
    private static final int FLOOD_QPS = 2_000;
    private static final Duration FLOOD = Duration.ofSeconds(15);
    private static final long KILL_AFTER_MILLIS = 4_000;
    /** GslbFailoverIT's bound: 3 s heartbeat timeout, plus tick, refresh and measurement slack. */
    private static final long DEATH_LIMIT_MILLIS = 3_000;
    private static final long DEATH_TOLERANCE_MILLIS = 400;
    /** The measured /24s and their /16 roll-ups, /0 for everyone else, a little room. */
    private static final int HANDFUL = 8;

    @TempDir
    Path dir;
    private DnsNode node;
    private Vertx vertx;
    private WebSocketClient ws;
    private final List<Agent> agents = new ArrayList<>();

    /** One node's telemetry stream: hello, then a heartbeat every 500 ms and a measurement batch every second. */
    private final class Agent {
        final String id;
        final String site;
        final WebSocket socket;
        final TelemetryFrameCodec codec = new TelemetryFrameCodec();
        long sequence;
        long heartbeatTimer;
        long batchTimer;
        volatile long closedAt = -1;

        Agent(String id, String site, WebSocket socket) {
            this.id = id;
            this.site = site;
            this.socket = socket;
            socket.closeHandler(v -> closedAt = System.currentTimeMillis());
        }

        /** Timers fire on different event loops: one lock keeps sequence numbers in sending order. */
        synchronized void send(TelemetryMessage m) {
            socket.writeBinaryMessage(Buffer.buffer(codec.encode(
                    TelemetryEnvelope.of(id, ++sequence, System.currentTimeMillis(), m))));
        }

        void start(List<PrefixMeasurement> paths) {
            send(new NodeHello(WireProtocol.VERSION, id, site, id + ".nodes.voip.example.test",
                    List.of(InetAddress.getLoopbackAddress()), List.of(new SipEndpoint(SipTransport.UDP, 5060)), 1000,
                    "flood-test", 1000));
            heartbeatTimer = vertx.setPeriodic(0, 500, t -> send(new NodeHeartbeat(WireProtocol.VERSION, id, 1, Set.of(),
                    3, 10, 500, 0.1)));
            batchTimer = vertx.setPeriodic(0, 1000, t -> send(MeasurementBatch.of(id, site, System.currentTimeMillis(),
                    paths)));
        }

        /** The agent dies: no more frames, the connection goes. */
        void kill() {
            vertx.cancelTimer(heartbeatTimer);
            vertx.cancelTimer(batchTimer);
            socket.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        copy("voip.example.test.zone");
        for (String n : NODES) {
            net.voicegslb.gslb.policy.config.SecretFile.create(dir.resolve(n + ".token"), n + "-flood-test-token\n");
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
                  sip_check: {enabled: false}
                  ranking: {hold: 2s, hysteresis_margin: 0.1}
                  telemetry: {listen: 127.0.0.1:%d, allow_plaintext: true}
                  events: {database: "jdbc:h2:mem:flood-%d;DB_CLOSE_DELAY=-1"}
                  sites:
                    fra: {region: eu, capacity_calls: 1000}
                    nyc: {region: na, capacity_calls: 1000}
                    sin: {region: ap, capacity_calls: 1000}
                  nodes:
                    fra-1: {site: fra, hostname: fra-1.nodes.voip.example.test, ipv4: [192.0.2.11], sip: [udp:5060], token_file: fra-1.token}
                    fra-2: {site: fra, hostname: fra-2.nodes.voip.example.test, ipv4: [192.0.2.12], sip: [udp:5060], token_file: fra-2.token}
                    nyc-1: {site: nyc, hostname: nyc-1.nodes.voip.example.test, ipv4: [192.0.2.21], sip: [udp:5060], token_file: nyc-1.token}
                    sin-1: {site: sin, hostname: sin-1.nodes.voip.example.test, ipv4: [192.0.2.31], sip: [udp:5060], token_file: sin-1.token}
                  services:
                    - {domain: voip.example.test, host: sip, pool: [fra, nyc, sin]}
                """.formatted(freePort(), freePort(), System.nanoTime()));
        node = DnsNode.start(new ConfigLoader().load(dir.resolve("gslb.yaml")), false);
        vertx = Vertx.vertx();
        ws = vertx.createWebSocketClient(); // a field: Vert.x closes an unreachable client when it is collected
        int port = node.gslb().telemetryPort();
        for (String n : NODES) {
            String site = n.substring(0, 3);
            WebSocket socket = ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                            .setURI("/telemetry/v1").addHeader("Authorization", "Bearer " + n + "-flood-test-token"))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            Agent a = new Agent(n, site, socket);
            a.start(List.of(path(CLIENT_A, site.equals("fra") ? 10 : site.equals("nyc") ? 80 : 250),
                    path(CLIENT_B, site.equals("nyc") ? 10 : site.equals("fra") ? 90 : 250)));
            agents.add(a);
        }
    }

    /** A port free for TCP and UDP on 127.0.0.1 right now (the config wants a real port). */
    private static int freePort() throws IOException {
        return net.voicegslb.gslb.policy.testing.TestPorts.udpAndTcp();
    }

    private static PrefixMeasurement path(String prefix, double rttMillis) {
        return new PrefixMeasurement(ClientPrefix.parse(prefix), MeasurementSource.STAMP, rttMillis, 1, 0, 200);
    }

    private void copy(String name) throws IOException {
        try (InputStream in = GslbEcsFloodIT.class.getResourceAsStream("/gslb/" + name)) {
            Files.copy(in, dir.resolve(name));
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Agent a : agents) {
            vertx.cancelTimer(a.heartbeatTimer);
            vertx.cancelTimer(a.batchTimer);
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void randomEcsPrefixesNeitherDelayFailoverNorFillTheAnswerTable() throws Exception {
        InetSocketAddress server = node.dnsAddresses().get(0);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> addresses(server, CLIENT_A).equals(FRA));
        Thread.sleep(3_500); // past the heartbeat timeout: the streams must be alive, not just started
        assertThat(addresses(server, CLIENT_A)).as("fra first for clientA with every agent alive; telemetry: %s",
                telemetry()).isEqualTo(FRA);

        Flood flood = new Flood(server);
        Thread floodThread = new Thread(flood::run, "ecs-flood");
        floodThread.start();
        long floodStart = System.currentTimeMillis();
        AtomicLong maxKeys = new AtomicLong();
        try {
            while (System.currentTimeMillis() - floodStart < KILL_AFTER_MILLIS) {
                maxKeys.accumulateAndGet(clientKeys(), Math::max);
                Thread.sleep(100);
            }
            assertThat(addresses(server, CLIENT_A)).as("fra first for clientA under the flood").isEqualTo(FRA);
            assertThat(agents).as("every telemetry stream still open").allMatch(a -> a.closedAt < 0);
            long killedAt = System.currentTimeMillis();
            agents.stream().filter(a -> a.site.equals("fra")).forEach(Agent::kill);
            Long goneBy = null;
            long lastWithFra = -1;
            int unanswered = 0;
            while (System.currentTimeMillis() - killedAt < 10_000) {
                long t = System.currentTimeMillis();
                List<String> a = addresses(server, CLIENT_A);
                maxKeys.accumulateAndGet(clientKeys(), Math::max);
                boolean fra = a.stream().anyMatch(FRA::contains);
                if (a.isEmpty()) {
                    unanswered++; // a lost poll says nothing either way
                } else if (fra) {
                    lastWithFra = t - killedAt;
                    assertThat(goneBy).as("fra came back at +%d ms: %s", lastWithFra, a).isNull();
                } else if (goneBy == null) {
                    goneBy = System.currentTimeMillis() - killedAt;
                } else if (t - killedAt - goneBy > 1_000) {
                    break; // gone, and stayed gone for a second
                }
                Thread.sleep(100);
            }
            floodThread.join(FLOOD.toMillis() + 5_000);
            assertThat(agents).as("nyc's and sin's telemetry streams stayed open")
                    .filteredOn(a -> !a.site.equals("fra")).allMatch(a -> a.closedAt < 0);
            long keys = clientKeys();
            System.out.printf("GSLB flood: %d queries sent in %d ms, %d answered; fra still answered at +%d ms, gone"
                            + " by +%s ms (%d polls unanswered); answer table: %d entries at the end, %d at most; evictions %s, deferred"
                            + " rankings %s%n", flood.sent.get(), flood.elapsedMillis, flood.answered.get(), lastWithFra,
                    goneBy, unanswered, keys, maxKeys.get(), counter("gslb.answers.evictions"),
                    counter("gslb.answers.deferred.rankings"));
            assertThat(goneBy).as("fra gone from clientA's answers within %d ms (+%d ms tolerance) under the flood",
                    DEATH_LIMIT_MILLIS, DEATH_TOLERANCE_MILLIS).isNotNull()
                    .isLessThanOrEqualTo(DEATH_LIMIT_MILLIS + DEATH_TOLERANCE_MILLIS);
            assertThat(flood.sent.get()).as("the flood ran at about its rate").isGreaterThan(FLOOD_QPS * 12);
            assertThat(flood.answered.get()).as("answered while flooded").isGreaterThan(flood.sent.get() * 9 / 10);
            assertThat(maxKeys.get()).as("answer table entries: decision prefixes, not random /24s")
                    .isLessThanOrEqualTo(HANDFUL);
        } finally {
            flood.stop = true;
            floodThread.join(FLOOD.toMillis() + 5_000);
        }
    }

    private String telemetry() {
        StringBuilder b = new StringBuilder();
        node.registry().getMeters().stream().filter(m -> m.getId().getName().startsWith("gslb.telemetry"))
                .forEach(m -> m.measure().forEach(x -> b.append(m.getId().getName()).append(m.getId().getTags())
                        .append('=').append(x.getValue()).append("; ")));
        return b.toString();
    }

    private long clientKeys() {
        return (long) node.registry().get("gslb.answers.client.keys").gauge().value();
    }

    private String counter(String name) {
        FunctionCounter c = node.registry().find(name).functionCounter();
        Gauge g = node.registry().find(name).gauge();
        return c != null ? String.valueOf((long) c.count()) : g != null ? String.valueOf((long) g.value()) : "n/a";
    }

    /** The A answer for {@code ecs} (one UDP query with that ECS option), addresses sorted; empty on timeout. */
    private static List<String> addresses(InetSocketAddress server, String ecs) throws IOException {
        ClientPrefix p = ClientPrefix.parse(ecs);
        Message q = Message.newQuery(Record.newRecord(Name.fromString("sip.voip.example.test."), Type.A, DClass.IN));
        q.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(new ClientSubnetOption(p.length(), p.address()))),
                Section.ADDITIONAL);
        byte[] wire = q.toWire();
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(1_000);
            s.send(new DatagramPacket(wire, wire.length, server));
            byte[] buf = new byte[1500];
            DatagramPacket r = new DatagramPacket(buf, buf.length);
            s.receive(r);
            Message m = new Message(java.util.Arrays.copyOf(buf, r.getLength()));
            return m.getSection(Section.ANSWER).stream().filter(x -> x instanceof ARecord)
                    .map(x -> ((ARecord) x).getAddress().getHostAddress()).sorted().toList();
        } catch (SocketTimeoutException e) {
            return List.of();
        }
    }

    /**
     * Paced UDP sender of A queries, each with the ECS option of a random /24 outside the measured
     * ones, and a receiver counting the answers. Bounded by {@link #FLOOD} and the query count.
     */
    private static final class Flood {
        final InetSocketAddress server;
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();
        volatile boolean stop;
        long elapsedMillis;

        Flood(InetSocketAddress server) {
            this.server = server;
        }

        void run() {
            byte[] template;
            try {
                Message q = Message.newQuery(Record.newRecord(Name.fromString("sip.voip.example.test."), Type.A,
                        DClass.IN));
                q.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(new ClientSubnetOption(24,
                        InetAddress.getByName("10.0.0.0")))), Section.ADDITIONAL);
                template = q.toWire();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            // ECS option is the last thing in the message: family(2) source(1) scope(1) address(3)
            int addressAt = template.length - 3;
            SplittableRandom random = new SplittableRandom(42);
            long start = System.currentTimeMillis();
            long end = start + FLOOD.toMillis();
            int max = (int) (FLOOD_QPS * FLOOD.toSeconds());
            try (DatagramSocket s = new DatagramSocket()) {
                s.setSoTimeout(50);
                Thread receiver = new Thread(() -> receive(s, end + 1_000), "ecs-flood-receiver");
                receiver.start();
                byte[] packet = template.clone();
                while (!stop && sent.get() < max && System.currentTimeMillis() < end) {
                    // 20 queries every 10 ms, behind schedule only if the machine is
                    long due = start + (long) sent.get() * 1000 / FLOOD_QPS;
                    long wait = due - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    for (int i = 0; i < 20; i++) {
                        int first = 11 + random.nextInt(180); // 11..190: clear of 198.18/15 and 203.0.113/24
                        packet[0] = (byte) random.nextInt(256);
                        packet[1] = (byte) random.nextInt(256);
                        packet[addressAt] = (byte) first;
                        packet[addressAt + 1] = (byte) random.nextInt(256);
                        packet[addressAt + 2] = (byte) random.nextInt(256);
                        s.send(new DatagramPacket(packet, packet.length, server));
                        sent.incrementAndGet();
                    }
                }
                elapsedMillis = System.currentTimeMillis() - start;
                receiver.join(5_000);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void receive(DatagramSocket s, long until) {
            byte[] buf = new byte[1500];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            while (System.currentTimeMillis() < until && !stop) {
                try {
                    s.receive(p);
                    answered.incrementAndGet();
                } catch (SocketTimeoutException e) {
                    // nothing in flight right now
                } catch (IOException e) {
                    return;
                }
            }
        }
    }
}
