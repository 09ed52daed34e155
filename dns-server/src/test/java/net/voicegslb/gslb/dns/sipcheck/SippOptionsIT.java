package net.voicegslb.gslb.dns.sipcheck;

import net.voicegslb.gslb.policy.testing.ExternalTool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.common.testing.SipResponder;
import net.voicegslb.gslb.dns.config.SipCheckConfig;
import net.voicegslb.gslb.dns.config.SipCheckTarget;
import net.voicegslb.gslb.policy.model.SipTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker against a real SIP stack: SIPp as a UAS answering OPTIONS (options-uas.xml), over UDP
 * and TCP, and a silent UDP port beside it for the contrast the issue asks for.
 */
class SippOptionsIT {
    /** The default 500 ms timeout: the first round also pays for loading the transport classes. */
    private static final SipCheckConfig CONFIG = new SipCheckConfig(true, Duration.ofMillis(500),
            Duration.ofMillis(500), 2, 2, Duration.ofMinutes(10), "gslb-check");

    @TempDir
    Path work;

    private final List<Process> processes = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener();
    private SipHealthChecker checker;

    @AfterEach
    void stop() throws Exception {
        if (checker != null) {
            checker.close();
        }
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private Process sippUas(String transportFlag, int port) throws Exception {
        Path sipp = ExternalTool.require("sipp", "sip-tester");
        Path scenario = work.resolve("options-uas.xml");
        try (InputStream in = SippOptionsIT.class.getResourceAsStream("/sipcheck/options-uas.xml")) {
            Files.copy(in, scenario, StandardCopyOption.REPLACE_EXISTING);
        }
        // Bounded twice: -m calls and -timeout seconds; @AfterEach kills it anyway.
        Process p = new ProcessBuilder(sipp.toString(), "-sf", scenario.toString(), "-i", "127.0.0.1",
                "-p", Integer.toString(port), "-t", transportFlag, "-m", "500", "-timeout", "60s", "-nostdin",
                "-trace_err")
                .directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("sipp-" + transportFlag + ".out").toFile()).start();
        processes.add(p);
        return p;
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    private static int freeTcpPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Until SIPp has bound the UDP port our own bind fails; replaces a fixed sleep. */
    private static void awaitUdpBound(int port, Process p) {
        await("SIPp bound UDP " + port).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            assertThat(p.isAlive()).as("sipp exited early").isTrue();
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
                return false;
            } catch (java.net.SocketException inUse) {
                return true;
            }
        });
    }

    private static void awaitTcpListening(int port, Process p) {
        await("SIPp listening on TCP " + port).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .ignoreExceptionsInstanceOf(java.io.IOException.class).until(() -> {
                    assertThat(p.isAlive()).as("sipp exited early").isTrue();
                    try (Socket s = new Socket("127.0.0.1", port)) {
                        return true;
                    }
                });
    }

    @Test
    void sippAnsweringOptionsOverUdpIsOkAndASilentPortIsNot() throws Exception {
        int port = freeUdpPort();
        Process sipp = sippUas("u1", port);
        awaitUdpBound(port, sipp);
        try (SipResponder silent = SipResponder.udp(SipResponder.silent())) {
            checker = new SipHealthChecker(CONFIG, List.of(
                    new SipCheckTarget("fra-1", SipTransport.UDP, new InetSocketAddress("127.0.0.1", port)),
                    new SipCheckTarget("nyc-1", SipTransport.UDP, silent.address())),
                    listener, System::currentTimeMillis);
            checker.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.of("fra-1").size() >= 4
                    && listener.of("nyc-1").size() >= 4);
            assertThat(listener.of("fra-1")).allSatisfy(c -> {
                assertThat(c.ok()).as(c.detail()).isTrue();
                assertThat(c.detail()).matches("udp 127\\.0\\.0\\.1:" + port + ": SIP 200 OK in \\d+ ms");
            });
            assertThat(listener.of("nyc-1")).allSatisfy(c -> {
                assertThat(c.ok()).isFalse();
                assertThat(c.detail()).endsWith("no response within 500 ms");
            });
        }
    }

    @Test
    void sippAnsweringOptionsOverTcpIsOk() throws Exception {
        int port = freeTcpPort();
        Process sipp = sippUas("t1", port);
        awaitTcpListening(port, sipp);
        checker = new SipHealthChecker(CONFIG, List.of(
                new SipCheckTarget("fra-1", SipTransport.TCP, new InetSocketAddress("127.0.0.1", port))),
                listener, System::currentTimeMillis);
        checker.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.of("fra-1").size() >= 4);
        assertThat(listener.of("fra-1")).allSatisfy(c -> {
            assertThat(c.ok()).as(c.detail()).isTrue();
            assertThat(c.detail()).matches("tcp 127\\.0\\.0\\.1:" + port + ": SIP 200 OK in \\d+ ms");
        });
    }

    @Test
    void stoppedSippIsReportedAsPortUnreachable() throws Exception {
        int port = freeUdpPort();
        Process sipp = sippUas("u1", port);
        awaitUdpBound(port, sipp);
        checker = new SipHealthChecker(CONFIG, List.of(
                new SipCheckTarget("fra-1", SipTransport.UDP, new InetSocketAddress("127.0.0.1", port))),
                listener, System::currentTimeMillis);
        checker.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.of("fra-1").stream().anyMatch(c -> c.ok()));
        sipp.destroy();
        assertThat(sipp.waitFor(5, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            List<RecordingListener.Call> c = listener.of("fra-1");
            return c.get(c.size() - 1).detail().endsWith("port unreachable");
        });
    }
}
