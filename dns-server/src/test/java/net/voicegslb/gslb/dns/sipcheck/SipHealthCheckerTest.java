package net.voicegslb.gslb.dns.sipcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.voicegslb.gslb.common.testing.SipResponder;
import net.voicegslb.gslb.dns.config.SipCheckConfig;
import net.voicegslb.gslb.dns.config.SipCheckTarget;
import net.voicegslb.gslb.policy.model.SipTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The checker against in-test UDP/TCP responders on loopback. */
class SipHealthCheckerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private static SipCheckConfig config(long intervalMs, long timeoutMs, Duration maxDrain) {
        return new SipCheckConfig(true, Duration.ofMillis(intervalMs), Duration.ofMillis(timeoutMs), 2, 2, maxDrain,
                "gslb-check");
    }

    private static SipCheckConfig config(long intervalMs, long timeoutMs) {
        return config(intervalMs, timeoutMs, Duration.ofMinutes(10));
    }

    private <T extends AutoCloseable> T closing(T c) {
        closeables.add(c);
        return c;
    }

    private SipResponder udp(SipResponder.Reply reply) throws Exception {
        return closing(SipResponder.udp(reply));
    }

    private SipResponder tcp(SipResponder.Reply reply) throws Exception {
        return closing(SipResponder.tcp(reply));
    }

    private static SipCheckTarget target(String node, SipTransport t, InetSocketAddress a) {
        return new SipCheckTarget(node, t, a);
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private SipHealthChecker start(SipCheckConfig config, SipCheckTarget... targets) {
        SipHealthChecker c = closing(new SipHealthChecker(config, List.of(targets), listener, System::currentTimeMillis,
                meters));
        c.start();
        return c;
    }

    private List<RecordingListener.Call> awaitCalls(String node, int n) {
        await().atMost(WAIT).until(() -> listener.of(node).size() >= n);
        return listener.of(node);
    }

    private static String hostPort(SipResponder r) {
        return "127.0.0.1:" + r.address().getPort();
    }

    @Test
    void answeringUdpNodeIsReportedOkEveryRoundOnTheCheckerThread() throws Exception {
        SipResponder node = udp(SipResponder.status("200 OK"));
        start(config(100, 80), target("fra-1", SipTransport.UDP, node.address()));
        List<RecordingListener.Call> calls = awaitCalls("fra-1", 3);
        assertThat(calls).allSatisfy(c -> {
            assertThat(c.ok()).isTrue();
            assertThat(c.detail()).matches("udp " + hostPort(node).replace(".", "\\.") + ": SIP 200 OK in \\d+ ms");
            assertThat(c.thread()).startsWith("sip-check");
        });
        assertThat(meters.counter("gslb_sip_checks_total", "node", "fra-1", "transport", "udp", "result", "alive").count())
                .isGreaterThanOrEqualTo(3);
        assertThat(meters.timer("gslb_sip_check_rtt_seconds", "node", "fra-1", "transport", "udp").count())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void silentUdpNodeTimesOut() throws Exception {
        SipResponder node = udp(SipResponder.silent());
        start(config(300, 150), target("fra-1", SipTransport.UDP, node.address()));
        RecordingListener.Call c = awaitCalls("fra-1", 1).get(0);
        assertThat(c.ok()).isFalse();
        assertThat(c.detail()).isEqualTo("udp " + hostPort(node) + ": no response within 150 ms");
        assertThat(node.receivedNanos()).isNotEmpty(); // it was asked; it just did not answer
    }

    @Test
    void closedUdpPortIsPortUnreachableAtOnceNotATimeout() throws Exception {
        int port = SipResponder.closedUdpPort();
        long t0 = System.nanoTime();
        start(config(1000, 900), target("fra-1", SipTransport.UDP, loopback(port)));
        RecordingListener.Call c = awaitCalls("fra-1", 1).get(0);
        assertThat(c.ok()).isFalse();
        assertThat(c.detail()).isEqualTo("udp 127.0.0.1:" + port + ": port unreachable");
        // ICMP on loopback takes microseconds; well inside both the 900 ms timeout and the interval.
        assertThat(Duration.ofNanos(c.arrivedNanos() - t0)).isLessThan(Duration.ofMillis(800));
        // The connected socket stays usable: the next round is reported the same way.
        assertThat(awaitCalls("fra-1", 2).get(1).detail()).endsWith("port unreachable");
    }

    @Test
    void serverErrorIsAFailedCheckThatNamesTheStatus() throws Exception {
        SipResponder node = udp(SipResponder.status("500 Server Internal Error"));
        start(config(200, 150), target("fra-1", SipTransport.UDP, node.address()));
        RecordingListener.Call c = awaitCalls("fra-1", 1).get(0);
        assertThat(c.ok()).isFalse();
        assertThat(c.detail()).isEqualTo("udp " + hostPort(node) + ": SIP 500 Server Internal Error");
    }

    @Test
    void notFoundMeansTheStackAnsweredSoTheNodeIsAlive() throws Exception {
        SipResponder node = udp(SipResponder.status("404 Not Found"));
        start(config(200, 150), target("fra-1", SipTransport.UDP, node.address()));
        assertThat(awaitCalls("fra-1", 1).get(0).ok()).isTrue();
    }

    @Test
    void serviceUnavailableWithRetryAfterDrainsForThatLongCappedByMaxDrain() throws Exception {
        SipResponder node = udp(SipResponder.status("503 Service Unavailable", "Retry-After: 30 (maintenance)"));
        start(config(200, 150), target("fra-1", SipTransport.UDP, node.address()));
        RecordingListener.Call c = awaitCalls("fra-1", 1).get(0);
        assertThat(c.drain()).isTrue();
        assertThat(c.untilMillis() - c.nowMillis()).isEqualTo(30_000);
        assertThat(c.detail()).isEqualTo("udp " + hostPort(node) + ": SIP 503 Service Unavailable, Retry-After 30 s");

        SipResponder capped = udp(SipResponder.status("503 Service Unavailable", "Retry-After: 86400"));
        start(config(200, 150, Duration.ofSeconds(5)), target("nyc-1", SipTransport.UDP, capped.address()));
        RecordingListener.Call d = awaitCalls("nyc-1", 1).get(0);
        assertThat(d.untilMillis() - d.nowMillis()).isEqualTo(5_000);
    }

    @Test
    void serviceUnavailableWithoutRetryAfterIsAFailedCheck() throws Exception {
        SipResponder node = udp(SipResponder.status("503 Service Unavailable"));
        start(config(200, 150), target("fra-1", SipTransport.UDP, node.address()));
        RecordingListener.Call c = awaitCalls("fra-1", 1).get(0);
        assertThat(c.drain()).isFalse();
        assertThat(c.ok()).isFalse();
        assertThat(c.detail()).endsWith("SIP 503 Service Unavailable without Retry-After");
    }

    @Test
    void provisionalResponseIsSkippedForTheFinalOne() throws Exception {
        SipResponder node = udp(req -> List.of(SipResponder.response(req, "100 Trying"),
                SipResponder.response(req, "200 OK")));
        start(config(200, 150), target("fra-1", SipTransport.UDP, node.address()));
        assertThat(awaitCalls("fra-1", 1).get(0).detail()).contains("SIP 200 OK");
    }

    @Test
    void malformedAnswerIsAFailedCheckSayingWhy() throws Exception {
        SipResponder node = udp(SipResponder.raw("HTTP/1.1 400 Bad Request\r\n\r\n"));
        start(config(200, 150), target("fra-1", SipTransport.UDP, node.address()));
        RecordingListener.Call c = awaitCalls("fra-1", 1).get(0);
        assertThat(c.ok()).isFalse();
        assertThat(c.detail()).isEqualTo("udp " + hostPort(node)
                + ": malformed SIP response: not a SIP/2.0 status line: HTTP/1.1 400 Bad Request");
    }

    @Test
    void answerToAnEarlierRoundNeverCountsForALaterOne() throws Exception {
        SipResponder node = udp(SipResponder.status("200 OK"));
        node.delay(250); // later than the 200 ms interval: each answer lands in the next round
        start(config(200, 150), target("fra-1", SipTransport.UDP, node.address()));
        List<RecordingListener.Call> calls = awaitCalls("fra-1", 4);
        assertThat(calls).allSatisfy(c -> assertThat(c.detail()).endsWith("no response within 150 ms"));
    }

    @Test
    void tcpNodeIsCheckedOnOneKeptConnection() throws Exception {
        SipResponder node = tcp(SipResponder.status("200 OK"));
        start(config(100, 80), target("fra-1", SipTransport.TCP, node.address()));
        List<RecordingListener.Call> calls = awaitCalls("fra-1", 4);
        assertThat(calls).allSatisfy(c -> assertThat(c.detail()).matches("tcp 127\\.0\\.0\\.1:\\d+: SIP 200 OK in \\d+ ms"));
        assertThat(node.acceptedConnections()).isEqualTo(1);
    }

    @Test
    void refusedTcpConnectionIsReportedAsSuch() throws Exception {
        int port = SipResponder.closedTcpPort();
        start(config(300, 250), target("fra-1", SipTransport.TCP, loopback(port)));
        RecordingListener.Call c = awaitCalls("fra-1", 1).get(0);
        assertThat(c.detail()).isEqualTo("tcp 127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void silentTcpPeerTimesOutAndTheConnectionIsReplaced() throws Exception {
        SipResponder node = tcp(SipResponder.silent());
        start(config(200, 100), target("fra-1", SipTransport.TCP, node.address()));
        List<RecordingListener.Call> calls = awaitCalls("fra-1", 2);
        assertThat(calls).allSatisfy(c -> assertThat(c.detail()).endsWith("no response within 100 ms"));
        await().atMost(WAIT).until(() -> node.acceptedConnections() >= 2);
    }

    @Test
    void nodeWithUdpAnsweringAndTcpRefusingFailsEveryRoundInsteadOfAlternating() throws Exception {
        SipResponder udp = udp(SipResponder.status("200 OK"));
        int closed = SipResponder.closedTcpPort();
        start(config(100, 80), target("fra-1", SipTransport.UDP, udp.address()),
                target("fra-1", SipTransport.TCP, loopback(closed)));
        List<RecordingListener.Call> calls = awaitCalls("fra-1", 4);
        assertThat(calls).allSatisfy(c -> {
            assertThat(c.ok()).isFalse();
            assertThat(c.detail()).isEqualTo("tcp 127.0.0.1:" + closed + ": connection refused");
        });
    }

    @Test
    void nodeWithBothTransportsAnsweringIsOkWithBothInTheDetail() throws Exception {
        SipResponder udp = udp(SipResponder.status("200 OK"));
        SipResponder tcp = tcp(SipResponder.status("200 OK"));
        start(config(100, 80), target("fra-1", SipTransport.UDP, udp.address()),
                target("fra-1", SipTransport.TCP, tcp.address()));
        RecordingListener.Call c = awaitCalls("fra-1", 1).get(0);
        assertThat(c.ok()).isTrue();
        assertThat(c.detail()).contains("udp " + hostPort(udp)).contains("; tcp " + hostPort(tcp));
    }

    @Test
    void nodesAreSpreadOverTheIntervalNotBurst() throws Exception {
        SipResponder a = udp(SipResponder.status("200 OK"));
        SipResponder b = udp(SipResponder.status("200 OK"));
        start(config(600, 100), target("a", SipTransport.UDP, a.address()), target("b", SipTransport.UDP, b.address()));
        await().atMost(WAIT).until(() -> a.receivedNanos().size() >= 2 && b.receivedNanos().size() >= 2);
        long gap = b.receivedNanos().get(0) - a.receivedNanos().get(0);
        // Two nodes over 600 ms: the second is checked half an interval after the first.
        assertThat(Duration.ofNanos(gap)).isBetween(Duration.ofMillis(200), Duration.ofMillis(450));
        long period = a.receivedNanos().get(1) - a.receivedNanos().get(0);
        assertThat(Duration.ofNanos(period)).isBetween(Duration.ofMillis(450), Duration.ofMillis(800));
    }

    @Test
    void reconfigureSwitchesTargetsAndCloseStopsReporting() throws Exception {
        SipResponder silent = udp(SipResponder.silent());
        SipResponder answering = udp(SipResponder.status("200 OK"));
        SipHealthChecker checker = start(config(100, 50), target("fra-1", SipTransport.UDP, silent.address()));
        awaitCalls("fra-1", 1);
        checker.reconfigure(config(100, 50), List.of(target("fra-1", SipTransport.UDP, answering.address())));
        await().atMost(WAIT).until(() -> {
            List<RecordingListener.Call> c = listener.of("fra-1");
            return c.size() >= 3 && c.get(c.size() - 1).ok() && c.get(c.size() - 2).ok();
        });
        checker.close();
        // A request sent just before close may still land at the responder afterwards (it once did,
        // on a busy CI run), so the counts may move once; then nothing may come for 400 ms, four
        // check intervals: a checker still running would move them every 100 ms.
        java.util.concurrent.atomic.AtomicReference<List<Integer>> seen = new java.util.concurrent.atomic.AtomicReference<>(
                List.of(-1, -1));
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    List<Integer> now = List.of(listener.calls().size(), answering.receivedNanos().size());
                    return now.equals(seen.getAndSet(now));
                });
    }

    @Test
    void aThrowingListenerDoesNotStopTheChecks() throws Exception {
        SipResponder node = udp(SipResponder.status("200 OK"));
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        SipCheckListener throwing = new SipCheckListener() {
            @Override
            public void onCheck(String nodeId, boolean ok, String detail, List<TargetOutcome> outcomes, long nowMillis) {
                calls.incrementAndGet();
                throw new IllegalArgumentException("unknown node " + nodeId);
            }

            @Override
            public void onDrain(String nodeId, long untilMillis, String detail, long nowMillis) {
                throw new AssertionError("no drain expected");
            }
        };
        closing(new SipHealthChecker(config(100, 80), List.of(target("gone", SipTransport.UDP, node.address())),
                throwing, System::currentTimeMillis)).start();
        await().atMost(WAIT).until(() -> calls.get() >= 3);
    }

    @Test
    void disabledChecksSendNothing() throws Exception {
        SipResponder node = udp(SipResponder.status("200 OK"));
        SipCheckConfig off = new SipCheckConfig(false, Duration.ofMillis(100), Duration.ofMillis(50), 2, 2,
                Duration.ofMinutes(10), "gslb-check");
        start(off, target("fra-1", SipTransport.UDP, node.address()));
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                .until(() -> node.receivedNanos().isEmpty() && listener.calls().isEmpty());
    }
}
