package net.voicegslb.gslb.deploy.it.gslb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** One SIP OPTIONS over UDP from 127.0.0.1, as a checker sends it: the status line of the answer, if any. */
final class SipPing {

    private SipPing() {}

    static Optional<String> options(String address, int port, Duration timeout) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            String id = UUID.randomUUID().toString();
            String request = "OPTIONS sip:" + address + ":" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bK-" + id + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:lab-check@127.0.0.1>;tag=" + id.substring(0, 8) + "\r\n"
                    + "To: <sip:" + address + ":" + port + ">\r\n"
                    + "Call-ID: " + id + "@127.0.0.1\r\n"
                    + "CSeq: 1 OPTIONS\r\n"
                    + "Content-Length: 0\r\n\r\n";
            byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(address, port)));
            s.setSoTimeout((int) timeout.toMillis());
            byte[] buf = new byte[4096];
            DatagramPacket answer = new DatagramPacket(buf, buf.length);
            s.receive(answer);
            String text = new String(buf, 0, answer.getLength(), StandardCharsets.US_ASCII);
            return Optional.of(text.lines().findFirst().orElse(""));
        } catch (SocketTimeoutException silent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
