package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.GslbServer;
import net.voicegslb.gslb.deploy.it.support.QueryBytes;
import net.voicegslb.gslb.deploy.it.support.RawTcp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A TCP client that pipelines queries and never reads its answers must be throttled (the server
 * stops reading once its answers back up, RFC 7766 6.2.1.1), not buffered until memory runs out.
 * Own server: the misbehaving client is meant to push it hard.
 */
class TcpBackpressureIT {

    @RegisterExtension
    static final GslbServer SERVER = GslbServer.withConfig("gslb-it.yaml");

    /** 200,000 queries for the 1.6 KB answer: ~8 MB written, ~330 MB of answers if all were made. */
    private static final int QUERIES = 200_000;
    private static final int BATCH = 1_000;
    /**
     * With backpressure the answers that can pile up are bounded by the socket buffers on both
     * sides (a few MB on loopback: a few thousand 1.6 KB answers) plus the server's write buffer.
     */
    private static final double MAX_UNREAD_ANSWERS = 30_000;

    @Test
    void clientThatNeverReadsIsThrottledNotBuffered() throws Exception {
        double before = tcpAnswers();
        byte[] batch = RawTcp.frame(repeat(QueryBytes.of(7, "big.voip.example.test", 1), BATCH));
        AtomicReference<String> writerEnd = new AtomicReference<>("running");
        try (SocketChannel channel = SocketChannel.open(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), SERVER.port()))) {
            channel.configureBlocking(false);
            Thread writer = new Thread(() -> writerEnd.set(writeUntilStalled(channel, batch)), "never-reading-client");
            writer.setDaemon(true);
            writer.start();
            writer.join(10_000);
            writer.interrupt();

            // let the server settle: the answer count stops growing (throttled) or the connection dies
            double[] last = {-1};
            await("the server stops answering the client that does not read").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        double now = tcpAnswers();
                        boolean settled = now == last[0];
                        last[0] = now;
                        return settled;
                    });
            double unread = last[0] - before;

            assertThat(unread).as("answers the server made for a client that read none of them (writer: %s)",
                    writerEnd.get()).isLessThanOrEqualTo(MAX_UNREAD_ANSWERS);
        }
        DnsReply r = SERVER.dig().query("+tcp", "sip.voip.example.test", "A");
        assertThat(r.answerRdata()).as(r.text()).containsExactly("192.0.2.1");
    }

    private static String writeUntilStalled(SocketChannel channel, byte[] batch) {
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        int written = 0;
        try {
            while (written < QUERIES && System.nanoTime() < deadline) {
                ByteBuffer b = ByteBuffer.wrap(batch);
                long stalledSince = System.nanoTime();
                while (b.hasRemaining()) {
                    if (channel.write(b) == 0) {
                        if (System.nanoTime() - stalledSince > Duration.ofSeconds(1).toNanos()) {
                            return "stalled after " + written + " queries (the server stopped reading)";
                        }
                        Thread.onSpinWait();
                    } else {
                        stalledSince = System.nanoTime();
                    }
                }
                written += BATCH;
            }
            return "wrote " + written + " queries";
        } catch (IOException e) {
            return "connection failed after " + written + " queries: " + e;
        }
    }

    private static double tcpAnswers() {
        return SERVER.metrics().sum("dns_queries_total", "transport", "tcp");
    }

    private static byte[][] repeat(byte[] message, int times) {
        byte[][] out = new byte[times][];
        for (int i = 0; i < times; i++) {
            out[i] = message;
        }
        return out;
    }
}
