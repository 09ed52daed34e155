package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Limits on SIP over TCP, tried with real sockets: connections beyond the per-source and total
 * caps are closed as soon as accepted, a message trickled in too slowly (slow loris) is cut off at
 * sip.tcp.message_timeout although every byte refreshes the idle timeout, a silent connection is
 * closed at sip.tcp.idle_timeout while CRLF keepalives keep another open, a peer that never
 * reads is closed once its backlog passes sip.tcp.max_write_backlog, and a large message sent a
 * byte at a time is still framed correctly.
 */
class TcpLimitsIT {

    private static final String PING = """
            OPTIONS sip:127.0.0.1 SIP/2.0\r
            Via: SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bKtcp%d\r
            From: <sip:x@open.test>;tag=x\r
            To: <sip:127.0.0.1>\r
            Call-ID: tcp%d@test\r
            CSeq: 1 OPTIONS\r
            Content-Length: 0\r
            \r
            """;

    @TempDir
    Path dir;

    private TestNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private void start(String tcp) throws Exception {
        node = TestNode.start(dir, """
                sip:
                  listen: [127.0.0.1:PORT]
                  tcp:
                %s
                keepalive:
                  interval: 0s
                media:
                  enabled: false
                tenants:
                  - domain: open.test
                    auth: none
                """.formatted(tcp.indent(4).stripTrailing()), MediaAnchor.NONE, PassiveObserver.NONE);
    }

    private Socket connect(String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), node.port), 3000);
        s.setTcpNoDelay(true);
        return s;
    }

    private static byte[] ping(int n) {
        return PING.formatted(n, n).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Sends a ping and reads up to the end of its 200 OK (the answer ends with Content-Length: 0);
     * CRLF pongs to earlier double-CRLF keepalives (RFC 5626) may come first.
     */
    private static boolean served(Socket s, int n) throws IOException {
        s.getOutputStream().write(ping(n));
        return readUntil(s, "Content-Length: 0\r\n\r\n", 3000).replaceFirst("^(\r\n)+", "")
                .startsWith("SIP/2.0 200 OK");
    }

    private static String readUntil(Socket s, String end, int timeoutMillis) throws IOException {
        s.setSoTimeout(timeoutMillis);
        InputStream in = s.getInputStream();
        StringBuilder got = new StringBuilder();
        byte[] buf = new byte[8192];
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!got.toString().contains(end) && System.currentTimeMillis() < deadline) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            got.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
        }
        return got.toString();
    }

    /** True when the node closed (or reset) the connection within the timeout. */
    private static boolean closedByNode(Socket s, int timeoutMillis) throws IOException {
        s.setSoTimeout(timeoutMillis);
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // connection reset
        }
    }

    /** Connects from {@code from}; true when the node reset or closed the connection at once. */
    private boolean refused(String from) throws IOException {
        Socket s;
        try {
            s = connect(from);
        } catch (SocketException e) {
            return true; // reset before the handshake was seen to complete here
        }
        try (s) {
            return closedByNode(s, 3000);
        }
    }

    private double openConnections() {
        return node.registry.get("gslb.sip.tcp.connections").gauge().value();
    }

    private double counter(String name, String reason) {
        return node.registry.get(name).tag("reason", reason).counter().count();
    }

    @Test
    void connectionsBeyondThePerSourceAndTotalCapsAreRefused() throws Exception {
        start("""
                max_connections: 4
                max_connections_per_source: 3
                """);
        Socket a3 = connect("127.0.0.1");
        try (Socket a1 = connect("127.0.0.1"); Socket a2 = connect("127.0.0.1")) {
            assertThat(served(a1, 1) && served(a2, 2) && served(a3, 3)).isTrue();
            assertThat(refused("127.0.0.1")).as("4th from one source").isTrue();
            try (Socket b1 = connect("127.0.0.2")) {
                assertThat(served(b1, 4)).as("another source within the total").isTrue();
                assertThat(refused("127.0.0.3")).as("5th in total").isTrue();
            }
            assertThat(counter("gslb.sip.tcp.refused", "max_connections_per_source")).isEqualTo(1);
            assertThat(counter("gslb.sip.tcp.refused", "max_connections")).isEqualTo(1);
            // a closed connection gives its place back
            a3.close(); // its place must free up for the next connection
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> openConnections() == 2);
            try (Socket again = connect("127.0.0.1")) {
                assertThat(served(again, 5)).isTrue();
            }
        } finally {
            a3.close();
        }
    }

    @Test
    void aMessageTrickledInSlowerThanTheMessageTimeoutIsCutOff() throws Exception {
        start("""
                message_timeout: 1s
                idle_timeout: 30s
                """);
        try (Socket slow = connect("127.0.0.1")) {
            byte[] partial = ping(1);
            OutputStream out = slow.getOutputStream();
            long first = System.nanoTime();
            boolean closed = false;
            // one byte every 200 ms: the idle timeout never fires, the message never completes
            for (int i = 0; i < 40 && !closed; i++) {
                try {
                    out.write(partial[i]);
                } catch (SocketException e) {
                    closed = true;
                    break;
                }
                closed = closedByNode(slow, 200);
            }
            long millis = (System.nanoTime() - first) / 1_000_000;
            assertThat(closed).as("closed before the 40th byte").isTrue();
            assertThat(millis).isBetween(900L, 5_000L);
            assertThat(counter("gslb.sip.tcp.closed", "message_timeout")).isEqualTo(1);
        }
    }

    @Test
    void silentConnectionsCloseAtTheIdleTimeoutWhileCrlfKeepalivesKeepOthersOpen() throws Exception {
        start("""
                message_timeout: 1s
                idle_timeout: 2s
                """);
        try (Socket silent = connect("127.0.0.1"); Socket pinging = connect("127.0.0.1")) {
            long until = System.currentTimeMillis() + 3_500;
            while (System.currentTimeMillis() < until) {
                pinging.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                Thread.sleep(400); // the keepalive's pace, not a wait for the node
            }
            assertThat(closedByNode(silent, 3000)).isTrue();
            assertThat(served(pinging, 1)).as("kept open by CRLF keepalives past the idle timeout").isTrue();
            assertThat(counter("gslb.sip.tcp.closed", "idle_timeout")).isEqualTo(1);
            assertThat(counter("gslb.sip.tcp.closed", "message_timeout")).isZero();
        }
    }

    @Test
    void aLargeMessageSentByteByByteIsFramedCorrectly() throws Exception {
        start("""
                message_timeout: 30s
                """);
        String body = "b".repeat(3_000);
        String large = """
                OPTIONS sip:127.0.0.1 SIP/2.0\r
                Via: SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bKlarge\r
                From: <sip:x@open.test>;tag=x\r
                To: <sip:127.0.0.1>\r
                Call-ID: large@test\r
                CSeq: 7 OPTIONS\r
                X-Pad: %s\r
                Content-Type: text/plain\r
                Content-Length: %d\r
                \r
                %s""".formatted("a".repeat(20_000), body.length(), body);
        byte[] bytes = (large + new String(ping(2), StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
        try (Socket s = connect("127.0.0.1")) {
            OutputStream out = s.getOutputStream();
            for (byte b : bytes) {
                out.write(b);
            }
            String got = readUntil(s, "CSeq: 1 OPTIONS", 10_000);
            assertThat(got).contains("CSeq: 7 OPTIONS").contains("CSeq: 1 OPTIONS");
            assertThat(got.indexOf("CSeq: 7 OPTIONS")).isLessThan(got.indexOf("CSeq: 1 OPTIONS"));
            assertThat(got.split("SIP/2.0 200 OK", -1)).hasSize(3);
            assertThat(node.registry.get("gslb.sip.transport.dropped").tag("reason", "too_large").counter().count())
                    .isZero();
        }
    }

    @Test
    // a blocked socket write ignores interrupts: the timeout must not run on the test's thread
    @Timeout(value = 40, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPeerThatNeverReadsIsClosedOnceItsBacklogPassesTheLimit() throws Exception {
        start("""
                max_write_backlog: 16384
                """);
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096); // before connecting, so the window stays small
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), node.port), 3000);
            OutputStream out = s.getOutputStream();
            long deadline = System.currentTimeMillis() + 20_000;
            boolean closed = false;
            // pings whose answers we never read, bounded in count and time
            for (int n = 0; n < 40_000 && System.currentTimeMillis() < deadline && !closed; n++) {
                try {
                    out.write(ping(n));
                } catch (SocketException e) {
                    closed = true;
                }
                if (n % 500 == 499) {
                    closed = closed || openConnections() == 0;
                }
            }
            // closed by the node (old behaviour: the responses piled up in memory, the connection stayed)
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> openConnections() == 0);
            assertThat(counter("gslb.sip.tcp.closed", "write_backlog")).isEqualTo(1);
        }
    }
}
