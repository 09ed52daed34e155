package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.voicegslb.gslb.common.lab.DelayLine;
import net.voicegslb.gslb.common.lab.Impairment;
import net.voicegslb.gslb.common.lab.NetworkEmulator;
import net.voicegslb.gslb.common.lab.SitePath;
import net.voicegslb.gslb.pbx.keepalive.KeepaliveResult;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.keepalive.RegistrationSeen;
import net.voicegslb.gslb.pbx.lab.FleetNetwork;
import net.voicegslb.gslb.pbx.lab.PhoneAccount;
import net.voicegslb.gslb.pbx.lab.PhoneFleet;
import net.voicegslb.gslb.pbx.lab.PhoneIo;
import net.voicegslb.gslb.pbx.lab.PhoneSettings;
import net.voicegslb.gslb.pbx.lab.PhoneStats;
import net.voicegslb.gslb.pbx.lab.RegistrarLocator;
import net.voicegslb.gslb.pbx.lab.SyntheticPhone;
import net.voicegslb.gslb.pbx.proxy.RelayMediaAnchor;
import net.voicegslb.gslb.rtp.RelayConfig;
import net.voicegslb.gslb.rtp.control.RtpRelay;
import net.voicegslb.gslb.rtp.stats.StreamStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two synthetic phones on 127.20.9.1 and .2 behind an emulated path of 20 ms one-way delay and 1 %
 * loss each way to a real node with its relay: they register (one answering SHA-256, the other
 * MD5), answer the node's keepalives, and one calls the other for 4 s with RTP and RTCP through
 * the relay. The phones' own RTP counts, the relay's counts and RTT, and what the node saw of the
 * phones' addresses must all agree with that path.
 */
class SyntheticPhoneIT {

    private static final double LOSS = 0.01;
    private static final int ONE_WAY_MILLIS = 20;

    @TempDir
    Path dir;

    private final List<StreamStats> streams = new CopyOnWriteArrayList<>();
    private final List<RegistrationSeen> registrations = new CopyOnWriteArrayList<>();
    private final List<KeepaliveResult> keepalives = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry relayMeters = new SimpleMeterRegistry();
    private RtpRelay relay;
    private TestNode node;
    private DelayLine line;
    private PhoneIo io;

    @BeforeEach
    void start() throws Exception {
        // ports 26200-26399 are this test's own; stats every second so that a 4 s call reports RTT
        relay = new RtpRelay(RelayConfig.defaults(InetAddress.getLoopbackAddress()).withPorts(26200, 26399)
                .withMaxSessions(10).withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(2)),
                relayMeters, streams::add);
        node = TestNode.start(dir, NODE_YAML, new RelayMediaAnchor(relay), new PassiveObserver() {
                    @Override
                    public void registered(RegistrationSeen event) {
                        registrations.add(event);
                    }

                    @Override
                    public void keepalive(KeepaliveResult event) {
                        keepalives.add(event);
                    }
                });
        line = new DelayLine("test-path", 10_000);
        io = new PhoneIo("test-phones");
    }

    private static final String NODE_YAML = """
                sip:
                  listen: [127.0.0.1:PORT]
                keepalive:
                  interval: 1s
                  timeout: 2s
                tenants:
                  - domain: example.test
                    aliases: [127.0.0.1]
                    digest:
                      algorithms: [SHA-256, MD5]
                      challenge: per_algorithm
                    users:
                      - {user: "1001", password: "pw-1001"}
                      - {user: "1002", password: "pw-1002"}
                      - {user: "2001", password: "pw-2001"}
                      - {user: "2002", password: "pw-2002"}
                      - {user: "2003", password: "pw-2003"}
                      - {user: "2004", password: "pw-2004"}
                """;

    @AfterEach
    void stop() {
        // (node and relay may already be gone: a test may kill them)
        if (io != null) {
            io.close();
        }
        if (line != null) {
            line.close();
        }
        if (node != null) {
            node.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void twoPhonesRegisterAnswerKeepalivesAndCallThroughTheRelayOverAnImpairedPath() throws Exception {
        InetSocketAddress nodeAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), node.port);
        NetworkEmulator network = new NetworkEmulator("lab", line, Map.of(InetAddress.getLoopbackAddress(), "site"),
                Map.of("site", SitePath.symmetric(new Impairment(ONE_WAY_MILLIS, 0, LOSS))), 9);
        PhoneSettings settings = PhoneSettings.defaults().withRtcpInterval(Duration.ofSeconds(1));
        PhoneAccount a = new PhoneAccount("1001", "pw-1001", InetAddress.getByName("127.20.9.1"));
        PhoneAccount b = new PhoneAccount("1002", "pw-1002", InetAddress.getByName("127.20.9.2"));
        try (SyntheticPhone caller = new SyntheticPhone(a, "example.test", settings, acc -> nodeAddress, network, io, 1);
             SyntheticPhone callee = new SyntheticPhone(b, "example.test", settings.withAlgorithm("MD5"),
                     acc -> nodeAddress, network, io, 2)) {
            caller.start();
            callee.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> caller.registered() && callee.registered());
            assertThat(caller.registrar()).isEqualTo(nodeAddress);
            assertThat(node.registry.get("gslb.sip.auth").tag("outcome", "ok").counter().count()).isGreaterThanOrEqualTo(2);

            caller.call("1002", Duration.ofSeconds(4));
            await().atMost(Duration.ofSeconds(20)).until(() -> caller.stats().callsCompleted() == 1
                    && caller.activeCalls() == 0 && callee.activeCalls() == 0);
            // the node's keepalives (every second) were answered over the registration flows
            await().atMost(Duration.ofSeconds(10)).until(() -> keepalives.stream().filter(KeepaliveResult::answered)
                    .map(k -> k.target().getAddress().getHostAddress()).distinct().count() == 2);

            PhoneStats from = caller.stats();
            PhoneStats to = callee.stats();
            assertThat(from.callsPlaced()).isEqualTo(1);
            assertThat(from.callsFailed()).isZero();
            assertThat(to.callsAnswered()).isEqualTo(1);
            // 4 s at 50 packets a second, each way (the callee starts on the ACK, a round trip later)
            assertThat(from.rtpSent()).isBetween(190L, 215L);
            assertThat(to.rtpSent()).isBetween(180L, 215L);
            assertReceived(from.rtpSent(), to.rtpReceived(), to.rtpLost());
            assertReceived(to.rtpSent(), from.rtpReceived(), from.rtpLost());
            assertThat(from.rtcpSent()).isGreaterThanOrEqualTo(2);
            assertThat(from.rtcpReceived()).isGreaterThanOrEqualTo(1);
            assertThat(from.keepalivesAnswered() + to.keepalivesAnswered()).isGreaterThanOrEqualTo(2);

            // the relay forwarded both streams, and saw the path: loss below 5 %, RTT about 2 x 20 ms
            double relayed = relayMeters.get("gslb.rtp.packets").tag("outcome", "relayed").functionCounter().count();
            assertThat(relayed).isGreaterThan(0.9 * (from.rtpSent() + to.rtpSent()));
            List<StreamStats> finals = streams.stream().filter(StreamStats::finalSnapshot).toList();
            assertThat(finals).hasSize(2);
            for (StreamStats s : finals) {
                assertThat(s.remote().getAddress().getHostAddress()).startsWith("127.20.9.");
                assertThat(s.received()).isGreaterThan(150);
                assertThat(s.lossRatio()).isLessThan(0.05);
            }
            assertThat(streams.stream().map(StreamStats::rttMillis).filter(r -> !r.isNaN()).toList())
                    .as("relay-to-phone RTTs from RTCP")
                    .isNotEmpty()
                    .allSatisfy(rtt -> assertThat(rtt).isBetween(2.0 * ONE_WAY_MILLIS - 2, 2.0 * ONE_WAY_MILLIS + 150));

            // the node saw each phone's own address (not the lab's), for registrations and keepalives
            assertThat(registrations).extracting(r -> r.source().getAddress().getHostAddress())
                    .contains("127.20.9.1", "127.20.9.2");
            assertThat(keepalives).filteredOn(KeepaliveResult::answered)
                    .allSatisfy(k -> assertThat(k.rttNanos()).isGreaterThanOrEqualTo(2L * ONE_WAY_MILLIS * 1_000_000));
        }
        assertThat(io.taskFailures()).isZero();
    }

    @Test
    void aPhoneHonoursRetryAfterOf503AndThenRegistersWhereTheLocatorNowPoints() throws Exception {
        InetSocketAddress nodeAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), node.port);
        NetworkEmulator direct = new NetworkEmulator("lab", line, Map.of(), Map.of(), 1);
        try (RawPhone busy = new RawPhone()) {
            InetSocketAddress busyAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), busy.port());
            java.util.concurrent.atomic.AtomicReference<InetSocketAddress> dns =
                    new java.util.concurrent.atomic.AtomicReference<>(busyAddress);
            PhoneAccount a = new PhoneAccount("1001", "pw-1001", InetAddress.getByName("127.20.9.3"));
            try (SyntheticPhone phone = new SyntheticPhone(a, "example.test", PhoneSettings.defaults(),
                    acc -> dns.get(), direct, io, 3)) {
                phone.start();
                String register = RawCalls.receiveRequestStartingWith(busy, "REGISTER ", 5000);
                assertThat(register).isNotNull();
                String unavailable = RawCalls.response(register, "503 Service Unavailable")
                        .replace("Content-Length: 0", "Retry-After: 2\r\nContent-Length: 0");
                byte[] bytes = unavailable.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                busy.socket.send(new java.net.DatagramPacket(bytes, bytes.length, busy.lastSender));
                long refusedAt = System.nanoTime();
                dns.set(nodeAddress); // DNS now answers with a node that takes registrations
                await().atMost(Duration.ofSeconds(10)).until(phone::registered);
                assertThat(System.nanoTime() - refusedAt).as("waited for Retry-After").isGreaterThan(1_900_000_000L);
                assertThat(phone.registrar()).isEqualTo(nodeAddress);
                assertThat(phone.stats().registrationFailures()).isEqualTo(1);
                assertThat(busy.receive(200)).as("nothing more to the refusing node").isNull();
            }
        }
    }

    @Test
    void aLocatorThatFindsNothingOrFailsIsAskedAgainAfterBackOff() throws Exception {
        InetSocketAddress nodeAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), node.port);
        NetworkEmulator direct = new NetworkEmulator("lab", line, Map.of(), Map.of(), 1);
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        RegistrarLocator flaky = acc -> switch (asked.incrementAndGet()) {
            case 1 -> null; // no answer (NXDOMAIN, timeout)
            case 2 -> throw new IllegalStateException("resolver broke");
            default -> nodeAddress;
        };
        PhoneAccount a = new PhoneAccount("1002", "pw-1002", InetAddress.getByName("127.20.9.5"));
        try (SyntheticPhone phone = new SyntheticPhone(a, "example.test", PhoneSettings.defaults(), flaky, direct, io,
                5)) {
            phone.start();
            await().atMost(Duration.ofSeconds(10)).until(phone::registered);
            assertThat(asked.get()).isEqualTo(3);
            assertThat(phone.stats().registrationFailures()).isEqualTo(2);
            assertThat(phone.registrar()).isEqualTo(nodeAddress);
        }
    }

    @Test
    void aWrongPasswordIsRetriedWithGrowingBackOffNotInALoop() throws Exception {
        InetSocketAddress nodeAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), node.port);
        NetworkEmulator direct = new NetworkEmulator("lab", line, Map.of(), Map.of(), 1);
        PhoneAccount a = new PhoneAccount("1001", "wrong", InetAddress.getByName("127.20.9.4"));
        try (SyntheticPhone phone = new SyntheticPhone(a, "example.test", PhoneSettings.defaults(), acc -> nodeAddress,
                direct, io, 4)) {
            phone.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> phone.stats().registrationFailures() >= 2);
            // back-off 1 s, 2 s, 4 s, ... each randomised to [half, full]: within 4 s at most 4 attempts
            Thread.sleep(2000); // a fixed window to count in: a tight retry loop would make hundreds
            assertThat(phone.stats().registrationFailures()).isBetween(2L, 4L);
            assertThat(phone.registered()).isFalse();
        }
    }

    @Test
    void aFleetKeepsItsCallsGoingBetweenItsOwnPhonesAndFreesEverySocketOnClose() throws Exception {
        InetSocketAddress nodeAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), node.port);
        NetworkEmulator network = new NetworkEmulator("lab", line, Map.of(InetAddress.getLoopbackAddress(), "site"),
                Map.of("site", SitePath.symmetric(new Impairment(5, 1, 0))), 5);
        List<PhoneAccount> accounts = new java.util.ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            accounts.add(new PhoneAccount("200" + i, "pw-200" + i, InetAddress.getByName("127.20.9." + (10 + i))));
        }
        List<InetSocketAddress> sockets;
        try (PhoneFleet fleet = new PhoneFleet("example.test", List.of(new FleetNetwork(network, accounts, 1)),
                acc -> nodeAddress, PhoneSettings.defaults().withRtcpInterval(Duration.ofSeconds(1)),
                Duration.ofSeconds(2), Duration.ofSeconds(3), 11)) {
            sockets = fleet.phones("lab").stream().map(SyntheticPhone::sipAddress).toList();
            fleet.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> fleet.stats().callsCompleted() >= 2);
            PhoneStats s = fleet.stats("lab");
            assertThat(s.registered()).isEqualTo(4);
            assertThat(s.callsFailed()).isZero();
            assertThat(s.callsAnswered()).isGreaterThanOrEqualTo(2);
            // never more than one call at a time in this network: two phones busy at most
            assertThat(fleet.phones("lab").stream().filter(p -> p.activeCalls() > 0).count()).isLessThanOrEqualTo(2);
            assertThat(s.rtpReceived()).isGreaterThan(s.rtpSent() / 2);
            assertThat(fleet.taskFailures()).isZero();
        }
        for (InetSocketAddress a : sockets) {
            new java.net.DatagramSocket(a).close(); // bindable again: the fleet freed it
        }
    }

    @Test
    void phonesWhoseNodeVanishesNoticeByTheirKeepalivesEndTheirCallAndCarryOnAtTheNodeTheLocatorNowNames()
            throws Exception {
        InetSocketAddress nodeA = new InetSocketAddress(InetAddress.getLoopbackAddress(), node.port);
        NetworkEmulator direct = new NetworkEmulator("lab", line, Map.of(), Map.of(), 1);
        Duration keepaliveInterval = Duration.ofSeconds(1);
        Duration keepaliveTimeout = Duration.ofSeconds(1);
        PhoneSettings settings = PhoneSettings.defaults().withRtcpInterval(Duration.ofSeconds(1))
                .withKeepalive(keepaliveInterval, keepaliveTimeout);
        SimpleMeterRegistry relayBMeters = new SimpleMeterRegistry();
        // node B and its relay (ports 26400-26599, this test's own) stand for the surviving site
        try (RtpRelay relayB = new RtpRelay(RelayConfig.defaults(InetAddress.getLoopbackAddress())
                .withPorts(26400, 26599).withMaxSessions(10)
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(2)),
                relayBMeters, s -> { });
             TestNode b = TestNode.start(dir, NODE_YAML, new RelayMediaAnchor(relayB), PassiveObserver.NONE)) {
            InetSocketAddress nodeB = new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port);
            java.util.concurrent.atomic.AtomicReference<InetSocketAddress> dns =
                    new java.util.concurrent.atomic.AtomicReference<>(nodeA);
            PhoneAccount a1 = new PhoneAccount("1001", "pw-1001", InetAddress.getByName("127.20.9.21"));
            PhoneAccount a2 = new PhoneAccount("1002", "pw-1002", InetAddress.getByName("127.20.9.22"));
            try (SyntheticPhone caller = new SyntheticPhone(a1, "example.test", settings, acc -> dns.get(), direct, io,
                    21);
                 SyntheticPhone callee = new SyntheticPhone(a2, "example.test", settings, acc -> dns.get(), direct, io,
                         22)) {
                caller.start();
                callee.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> caller.registered() && callee.registered());
                assertThat(caller.registrar()).isEqualTo(nodeA);
                assertThat(callee.registrar()).isEqualTo(nodeA);

                caller.call("1002", Duration.ofSeconds(60));
                // the call is up with media both ways, and each phone's keepalives are being answered
                await().atMost(Duration.ofSeconds(10)).until(() -> caller.stats().rtpReceived() > 20
                        && callee.stats().rtpReceived() > 20 && caller.stats().flowKeepalives() >= 2
                        && callee.stats().flowKeepalives() >= 2);
                assertThat(caller.activeCalls()).isEqualTo(1);
                assertThat(caller.flowAlive()).isTrue();
                assertThat(caller.stats().flowFailures() + callee.stats().flowFailures()).isZero();

                // site A vanishes without a word; DNS now names B
                dns.set(nodeB);
                node.close();
                node = null;
                relay.close();
                relay = null;
                long killedAt = System.nanoTime();

                // a keepalive is due within 1.2 intervals and fails after its timeout; re-registering is quick
                Duration bound = Duration.ofMillis(keepaliveInterval.toMillis() * 12 / 10
                        + keepaliveTimeout.toMillis() + 1500);
                await().atMost(bound).pollInterval(Duration.ofMillis(50)).until(() -> caller.registered()
                        && callee.registered() && nodeB.equals(caller.registrar()) && nodeB.equals(callee.registrar())
                        && caller.activeCalls() == 0 && callee.activeCalls() == 0);
                assertThat(System.nanoTime() - killedAt).as("not before a keepalive could fail")
                        .isGreaterThan(keepaliveTimeout.toNanos() - 50_000_000L);
                PhoneStats from = caller.stats();
                PhoneStats to = callee.stats();
                assertThat(from.flowFailures()).isEqualTo(1);
                assertThat(to.flowFailures()).isEqualTo(1);
                // the established call is counted once, by its caller, as dropped, not as failed or completed
                assertThat(from.callsDropped()).isEqualTo(1);
                assertThat(to.callsDropped()).isZero();
                assertThat(from.callsFailed()).isZero();
                assertThat(from.callsCompleted()).isZero();
                assertThat(from.registrations()).isEqualTo(2);
                assertThat(from.registrationFailures()).isZero();

                // and a new call between them works at B, media included
                caller.call("1002", Duration.ofSeconds(2));
                await().atMost(Duration.ofSeconds(15)).until(() -> caller.stats().callsCompleted() == 1
                        && caller.activeCalls() == 0 && callee.activeCalls() == 0);
                PhoneStats after = caller.stats();
                PhoneStats calleeAfter = callee.stats();
                assertThat(after.callsPlaced()).isEqualTo(2);
                assertThat(after.callsFailed()).isZero();
                assertThat(calleeAfter.callsAnswered()).isEqualTo(2);
                // 2 s at 50 packets a second each way, less the callee's start a round trip later
                assertThat(after.rtpReceived() - from.rtpReceived()).isGreaterThan(80);
                assertThat(calleeAfter.rtpReceived() - to.rtpReceived()).isGreaterThan(80);
                assertThat(relayBMeters.get("gslb.rtp.packets").tag("outcome", "relayed").functionCounter().count())
                        .isGreaterThan(160);
                assertThat(after.flowFailures()).isEqualTo(1);
            }
        }
        assertThat(io.taskFailures()).isZero();
    }

    @Test
    void anInviteThatGetsNoAnswerAtAllMarksTheFlowDeadAndThePhoneReRegistersAtOnce() throws Exception {
        InetSocketAddress nodeA = new InetSocketAddress(InetAddress.getLoopbackAddress(), node.port);
        NetworkEmulator direct = new NetworkEmulator("lab", line, Map.of(), Map.of(), 1);
        // no keepalives of its own: only the unanswered INVITE can tell this phone its node is gone
        PhoneSettings d = PhoneSettings.defaults();
        PhoneSettings settings = new PhoneSettings(d.registerExpires(), d.rtcpInterval(), Duration.ofSeconds(1),
                d.minBackoff(), d.maxBackoff(), d.algorithm(), Duration.ZERO, d.keepaliveTimeout());
        try (TestNode b = TestNode.start(dir, NODE_YAML, new RelayMediaAnchor(relay), PassiveObserver.NONE)) {
            InetSocketAddress nodeB = new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port);
            java.util.concurrent.atomic.AtomicReference<InetSocketAddress> dns =
                    new java.util.concurrent.atomic.AtomicReference<>(nodeA);
            PhoneAccount a1 = new PhoneAccount("1001", "pw-1001", InetAddress.getByName("127.20.9.23"));
            try (SyntheticPhone phone = new SyntheticPhone(a1, "example.test", settings, acc -> dns.get(), direct, io,
                    23)) {
                phone.start();
                await().atMost(Duration.ofSeconds(10)).until(phone::registered);
                dns.set(nodeB);
                node.close();
                node = null;

                phone.call("1002", Duration.ofSeconds(5));
                // the INVITE is retransmitted for the 1 s transaction timeout, then the phone moves on
                await().atMost(Duration.ofSeconds(4)).until(() -> phone.registered() && nodeB.equals(phone.registrar()));
                PhoneStats s = phone.stats();
                assertThat(s.callsPlaced()).isEqualTo(1);
                assertThat(s.callsFailed()).isEqualTo(1);
                assertThat(s.callsDropped()).isZero();
                assertThat(s.flowFailures()).isEqualTo(1);
                assertThat(s.flowKeepalives()).isZero();
                assertThat(phone.activeCalls()).isZero();
            }
        }
        assertThat(io.taskFailures()).isZero();
    }

    /**
     * What arrived of {@code sent} after two lossy hops (phone → relay → phone): about
     * {@code sent·(1-loss)²}, allowing a few packets in flight at the BYE and binomial spread.
     */
    private static void assertReceived(long sent, long received, long lost) {
        double expected = sent * (1 - LOSS) * (1 - LOSS);
        assertThat((double) received).as("received of %d sent", sent)
                .isBetween(expected - 4 * Math.sqrt(sent * 2 * LOSS) - 5, (double) sent);
        assertThat(lost).as("lost as the receiver counted").isBetween(0L, sent - received + 1);
    }
}
