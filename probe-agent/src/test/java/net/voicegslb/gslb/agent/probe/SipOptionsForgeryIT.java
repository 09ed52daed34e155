package net.voicegslb.gslb.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.common.transport.EventLoops;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A forged SIP response must not complete an OPTIONS probe: the PBX under test is a plain socket
 * that reads the request; a second socket (another port, as any host off the path would be) sends
 * a 200 echoing the request's Via; only the PBX's own 503 may complete the probe.
 */
class SipOptionsForgeryIT {

    static final Pattern VIA = Pattern.compile("Via: [^\r\n]*;branch=z9hG4bK([0-9a-f]+)");
    static final Pattern CALL_ID = Pattern.compile("Call-ID: ([^\r\n]+)");

    static byte[] response(String request, int status) {
        StringBuilder r = new StringBuilder("SIP/2.0 " + status + " Test\r\n");
        for (String line : request.split("\r\n")) {
            String lower = line.toLowerCase();
            if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("call-id:")
                    || lower.startsWith("cseq:") || lower.startsWith("to:")) {
                r.append(line).append("\r\n");
            }
        }
        return r.append("Content-Length: 0\r\n\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aForgedFinalResponseFromAnotherSocketDoesNotCount() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (DatagramSocket pbx = new DatagramSocket(new InetSocketAddress(lo, 0));
             DatagramSocket forger = new DatagramSocket(new InetSocketAddress(lo, 0));
             EventLoops loops = EventLoops.create("agent-io", 1, true);
             SipOptionsProber prober = new SipOptionsProber(loops, new InetSocketAddress(lo, 0), AgentClock.system(),
                     5_000)) {
            pbx.setSoTimeout(5000);
            CompletableFuture<SipOptionsResult> probe = prober.probe((InetSocketAddress) pbx.getLocalSocketAddress());
            byte[] buf = new byte[4096];
            DatagramPacket req = new DatagramPacket(buf, buf.length);
            pbx.receive(req);
            String request = new String(buf, 0, req.getLength(), StandardCharsets.US_ASCII);
            Matcher via = VIA.matcher(request);
            Matcher callId = CALL_ID.matcher(request);
            assertThat(via.find()).as(request).isTrue();
            assertThat(callId.find()).as(request).isTrue();
            assertThat(callId.group(1)).as("the Call-ID does not give the branch away")
                    .doesNotContain(via.group(1));

            byte[] forged = response(request, 200);
            forger.send(new DatagramPacket(forged, forged.length, req.getSocketAddress()));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> prober.ignoredResponses() == 1);
            assertThat(probe).as("a 200 from elsewhere is not the PBX's answer").isNotDone();

            byte[] real = response(request, 503);
            pbx.send(new DatagramPacket(real, real.length, req.getSocketAddress()));
            SipOptionsResult r = probe.get(5, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(503);
            assertThat(prober.inFlight()).isZero();
        }
    }

    @Test
    void aFinalResponseWithOurBranchButAnotherCallIdDoesNotCount() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (DatagramSocket pbx = new DatagramSocket(new InetSocketAddress(lo, 0));
             EventLoops loops = EventLoops.create("agent-io", 1, true);
             SipOptionsProber prober = new SipOptionsProber(loops, new InetSocketAddress(lo, 0), AgentClock.system(),
                     5_000)) {
            pbx.setSoTimeout(5000);
            CompletableFuture<SipOptionsResult> probe = prober.probe((InetSocketAddress) pbx.getLocalSocketAddress());
            byte[] buf = new byte[4096];
            DatagramPacket req = new DatagramPacket(buf, buf.length);
            pbx.receive(req);
            String request = new String(buf, 0, req.getLength(), StandardCharsets.US_ASCII);

            // Someone who learned the branch but not the Call-ID (the two are independent).
            byte[] wrongCallId = new String(response(request, 200), StandardCharsets.US_ASCII)
                    .replaceFirst("Call-ID: [^\r\n]+", "Call-ID: guessed@example.test").getBytes(StandardCharsets.US_ASCII);
            pbx.send(new DatagramPacket(wrongCallId, wrongCallId.length, req.getSocketAddress()));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> prober.ignoredResponses() == 1);
            assertThat(probe).isNotDone();
            byte[] garbage = "HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            pbx.send(new DatagramPacket(garbage, garbage.length, req.getSocketAddress()));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> prober.ignoredResponses() == 2);
            assertThat(probe).isNotDone();

            byte[] real = response(request, 503);
            pbx.send(new DatagramPacket(real, real.length, req.getSocketAddress()));
            assertThat(probe.get(5, TimeUnit.SECONDS).status()).isEqualTo(503);
        }
    }

    @Test
    void branchesAreRandomNotACounter() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (DatagramSocket pbx = new DatagramSocket(new InetSocketAddress(lo, 0));
             EventLoops loops = EventLoops.create("agent-io", 1, true);
             SipOptionsProber prober = new SipOptionsProber(loops, new InetSocketAddress(lo, 0), AgentClock.system(),
                     200)) {
            pbx.setSoTimeout(5000);
            byte[] buf = new byte[4096];
            long previous = 0;
            int consecutive = 0;
            for (int i = 0; i < 10; i++) { // bounded: ten requests, each received within 5 s
                prober.probe((InetSocketAddress) pbx.getLocalSocketAddress());
                DatagramPacket req = new DatagramPacket(buf, buf.length);
                pbx.receive(req);
                Matcher via = VIA.matcher(new String(buf, 0, req.getLength(), StandardCharsets.US_ASCII));
                assertThat(via.find()).isTrue();
                String hex = via.group(1);
                // The low 64 bits: a counter would show there.
                long branch = Long.parseUnsignedLong(hex.substring(Math.max(0, hex.length() - 16)), 16);
                if (i > 0 && branch == previous + 1) {
                    consecutive++;
                }
                previous = branch;
            }
            assertThat(consecutive).isZero();
        }
    }
}
