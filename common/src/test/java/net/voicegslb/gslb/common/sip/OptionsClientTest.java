package net.voicegslb.gslb.common.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.common.testing.SipResponder;
import net.voicegslb.gslb.common.transport.ChannelTypes;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.sip.OptionsVerdict;
import net.voicegslb.gslb.policy.testing.TestCertificates;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client over real sockets on 127.0.0.1: UDP, TCP and TLS, sessions and one-shot probes. */
class OptionsClientTest {
    private static final String HOST = "fra-1.nodes.voip.example.test";
    private static final InetAddress LO = InetAddress.getLoopbackAddress();
    @TempDir
    static Path dir;
    private static Path caPem;
    private static Path good;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void certificates() {
        TestCertificates certs = new TestCertificates(dir);
        caPem = certs.ca("ca");
        good = certs.server("good", HOST, "ca");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        closeables.add(c);
        return c;
    }

    private EventLoop loop(boolean epoll) {
        EventLoopGroup g = new MultiThreadIoEventLoopGroup(1,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        closeables.add(() -> g.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
        return g.next();
    }

    /** Long enough for a first TLS handshake on a busy machine; only the silent cases wait it out. */
    private static OptionsSettings settings(Duration timeout) throws Exception {
        return new OptionsSettings("gslb-test", "voice-gslb-test", timeout, new SecureRandom(), System::nanoTime,
                System::currentTimeMillis, SslContextBuilder.forClient().trustManager(caPem.toFile()).build());
    }

    private static OptionsOutcome send(EventLoop loop, OptionsSession session) throws Exception {
        CompletableFuture<OptionsOutcome> f = new CompletableFuture<>();
        loop.execute(() -> session.send(f::complete));
        return f.get(30, TimeUnit.SECONDS);
    }

    private static void close(EventLoop loop, OptionsSession session) {
        loop.submit(session::close).syncUninterruptibly();
    }

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {false, true})
    void aUdpSessionReturnsTheResponseWithItsRetryAfterAndVerdict(boolean epoll) throws Exception {
        assumeTrue(!epoll || Epoll.isAvailable(), "no epoll on this platform; the NIO case has run");
        EventLoop loop = loop(epoll);
        assertThat(ChannelTypes.epoll(loop)).isEqualTo(epoll);
        SipResponder node = closing(SipResponder.udp(SipResponder.status("503 Maintenance", "Retry-After: 30")));
        OptionsClient client = closing(new OptionsClient(loop, settings(Duration.ofSeconds(10))));
        OptionsSession s = client.session(OptionsTarget.udp(node.address()));
        OptionsOutcome o = send(loop, s);
        assertThat(o.answered()).as(o.detail()).isTrue();
        assertThat(o.statusCode()).isEqualTo(503);
        assertThat(o.retryAfterSeconds()).isEqualTo(30);
        assertThat(o.verdict()).isEqualTo(OptionsVerdict.DRAIN);
        assertThat(o.rttNanos()).isPositive();
        assertThat(o.hasCertificate()).isFalse();

        node.reply(SipResponder.status("200 OK"));
        OptionsOutcome again = send(loop, s);
        assertThat(again.verdict()).as("the same socket, a new transaction").isEqualTo(OptionsVerdict.ALIVE);
        close(loop, s);
    }

    @Test
    void aClosedUdpPortIsPortUnreachableAtOnce() throws Exception {
        EventLoop loop = loop(false);
        OptionsClient client = closing(new OptionsClient(loop, settings(Duration.ofSeconds(20))));
        OptionsSession s = client.session(OptionsTarget.udp(new InetSocketAddress(LO, SipResponder.closedUdpPort())));
        long start = System.nanoTime();
        OptionsOutcome o = send(loop, s);
        assertThat(o.error()).as(o.detail()).isEqualTo(TransportError.PORT_UNREACHABLE);
        assertThat(o.detail()).isEqualTo("port unreachable");
        assertThat(o.verdict()).isEqualTo(OptionsVerdict.FAILED);
        assertThat(System.nanoTime() - start).as("well before the timeout").isLessThan(Duration.ofSeconds(10).toNanos());
        close(loop, s);
    }

    @Test
    void aSilentUdpPeerTimesOut() throws Exception {
        EventLoop loop = loop(false);
        SipResponder node = closing(SipResponder.udp(SipResponder.silent()));
        OptionsClient client = closing(new OptionsClient(loop, settings(Duration.ofMillis(150))));
        OptionsSession s = client.session(OptionsTarget.udp(node.address()));
        OptionsOutcome o = send(loop, s);
        assertThat(o.error()).isEqualTo(TransportError.NO_RESPONSE);
        assertThat(o.detail()).isEqualTo("no response within 150 ms");
        assertThat(o.rttNanos()).isEqualTo(-1);
        close(loop, s);
    }

    @Test
    void aTcpSessionKeepsItsConnectionBetweenRequests() throws Exception {
        EventLoop loop = loop(false);
        SipResponder node = closing(SipResponder.tcp(SipResponder.status("404 Not Found")));
        OptionsClient client = closing(new OptionsClient(loop, settings(Duration.ofSeconds(10))));
        OptionsSession s = client.session(new OptionsTarget(SipTransport.TCP, node.address(), null));
        for (int i = 0; i < 3; i++) {
            OptionsOutcome o = send(loop, s);
            assertThat(o.statusCode()).as(o.detail()).isEqualTo(404);
            assertThat(o.verdict()).as("a stack that answers is alive").isEqualTo(OptionsVerdict.ALIVE);
        }
        assertThat(node.acceptedConnections()).isEqualTo(1);
        close(loop, s);
    }

    @Test
    void aRefusedTcpConnectionIsReportedAsSuch() throws Exception {
        EventLoop loop = loop(false);
        OptionsClient client = closing(new OptionsClient(loop, settings(Duration.ofSeconds(10))));
        OptionsSession s = client.session(new OptionsTarget(SipTransport.TCP,
                new InetSocketAddress(LO, SipResponder.closedTcpPort()), null));
        OptionsOutcome o = send(loop, s);
        assertThat(o.error()).isEqualTo(TransportError.CONNECTION_REFUSED);
        assertThat(o.detail()).isEqualTo("connection refused");
        close(loop, s);
    }

    @Test
    void aTlsSessionVerifiesTheNameAndReportsTheCertificateExpiry() throws Exception {
        EventLoop loop = loop(false);
        SipResponder node = closing(SipResponder.tls(SipResponder.status("200 OK"),
                TestCertificates.serverContext(good)));
        OptionsClient client = closing(new OptionsClient(loop, settings(Duration.ofSeconds(20))));
        OptionsSession s = client.session(new OptionsTarget(SipTransport.TLS, node.address(), HOST));
        OptionsOutcome o = send(loop, s);
        assertThat(o.verdict()).as(o.detail()).isEqualTo(OptionsVerdict.ALIVE);
        assertThat(o.hasCertificate()).isTrue();
        assertThat(o.certificateNotAfterMillis()).isGreaterThan(System.currentTimeMillis());
        OptionsOutcome again = send(loop, s);
        assertThat(again.certificateNotAfterMillis()).as("checked on the kept connection too")
                .isEqualTo(o.certificateNotAfterMillis());
        assertThat(node.acceptedConnections()).isEqualTo(1);
        close(loop, s);

        OptionsSession wrongName = client.session(new OptionsTarget(SipTransport.TLS, node.address(),
                "fra-2.nodes.voip.example.test"));
        OptionsOutcome refused = send(loop, wrongName);
        assertThat(refused.error()).as(refused.detail()).isEqualTo(TransportError.TLS_HANDSHAKE);
        assertThat(refused.detail()).startsWith("TLS handshake failed");
        close(loop, wrongName);
    }

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {false, true})
    void probesOverTheSharedUdpSocketMatchBySourceAndTransaction(boolean epoll) throws Exception {
        assumeTrue(!epoll || Epoll.isAvailable(), "no epoll on this platform; the NIO case has run");
        EventLoop loop = loop(epoll);
        SipResponder node = closing(SipResponder.udp(SipResponder.status("200 OK")));
        OptionsClient client = closing(new OptionsClient(loop, settings(Duration.ofSeconds(10)),
                new InetSocketAddress(LO, 0)));
        OptionsOutcome o = client.probe(OptionsTarget.udp(node.address())).get(30, TimeUnit.SECONDS);
        assertThat(o.statusCode()).as(o.detail()).isEqualTo(200);
        assertThat(client.inFlight()).isZero();

        // A 200 that echoes the request but comes from another socket is no answer.
        try (DatagramSocket pbx = new DatagramSocket(new InetSocketAddress(LO, 0));
             DatagramSocket forger = new DatagramSocket(new InetSocketAddress(LO, 0))) {
            pbx.setSoTimeout(5000);
            CompletableFuture<OptionsOutcome> probe =
                    client.probe(OptionsTarget.udp((InetSocketAddress) pbx.getLocalSocketAddress()));
            byte[] buf = new byte[4096];
            DatagramPacket req = new DatagramPacket(buf, buf.length);
            pbx.receive(req);
            String request = new String(buf, 0, req.getLength(), StandardCharsets.ISO_8859_1);
            byte[] forged = SipResponder.response(request, "200 OK").getBytes(StandardCharsets.ISO_8859_1);
            forger.send(new DatagramPacket(forged, forged.length, req.getSocketAddress()));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> client.ignoredResponses() == 1);
            assertThat(probe).isNotDone();
            byte[] real = SipResponder.response(request, "503 Busy", "Retry-After: 5")
                    .getBytes(StandardCharsets.ISO_8859_1);
            pbx.send(new DatagramPacket(real, real.length, req.getSocketAddress()));
            OptionsOutcome answered = probe.get(5, TimeUnit.SECONDS);
            assertThat(answered.retryAfterSeconds()).isEqualTo(5);
            assertThat(answered.verdict()).isEqualTo(OptionsVerdict.DRAIN);
        }
    }

    @Test
    void oneShotProbesOverTcpAndTlsCloseTheirConnection() throws Exception {
        EventLoop loop = loop(false);
        SipResponder tcp = closing(SipResponder.tcp(SipResponder.status("200 OK")));
        SipResponder tls = closing(SipResponder.tls(SipResponder.status("486 Busy Here"),
                TestCertificates.serverContext(good)));
        OptionsClient client = closing(new OptionsClient(loop, settings(Duration.ofSeconds(20))));
        OptionsOutcome overTcp = client.probe(new OptionsTarget(SipTransport.TCP, tcp.address(), null))
                .get(30, TimeUnit.SECONDS);
        assertThat(overTcp.statusCode()).as(overTcp.detail()).isEqualTo(200);
        OptionsOutcome overTls = client.probe(new OptionsTarget(SipTransport.TLS, tls.address(), HOST))
                .get(30, TimeUnit.SECONDS);
        assertThat(overTls.statusCode()).as(overTls.detail()).isEqualTo(486);
        assertThat(overTls.hasCertificate()).isTrue();
        assertThat(client.inFlight()).isZero();
    }

    @Test
    void closingTheClientEndsOpenProbesAsAbandoned() throws Exception {
        EventLoop loop = loop(false);
        SipResponder silent = closing(SipResponder.tcp(SipResponder.silent()));
        OptionsClient client = new OptionsClient(loop, settings(Duration.ofSeconds(30)), new InetSocketAddress(LO, 0));
        CompletableFuture<OptionsOutcome> overTcp =
                client.probe(new OptionsTarget(SipTransport.TCP, silent.address(), null));
        CompletableFuture<OptionsOutcome> overUdp =
                client.probe(OptionsTarget.udp(new InetSocketAddress(LO, SipResponder.closedUdpPort())));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> client.inFlight() == 2);
        client.close();
        assertThat(overTcp.get(5, TimeUnit.SECONDS).error()).isEqualTo(TransportError.ABANDONED);
        assertThat(overUdp.get(5, TimeUnit.SECONDS).error()).isEqualTo(TransportError.ABANDONED);
    }
}
