package net.voicegslb.gslb.deploy.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** A UDP socket to the server on 127.0.0.1 that sends bytes as given, for packets no real client would send. */
public final class RawUdp implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress server;

    public RawUdp(int port) {
        try {
            this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    public void send(byte[] packet) {
        try {
            socket.send(new DatagramPacket(packet, packet.length, server));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next datagram from the server, or empty when none came within {@code timeout}. */
    public Optional<byte[]> receive(Duration timeout) {
        byte[] buf = new byte[65_535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            socket.receive(p);
            return Optional.of(Arrays.copyOf(buf, p.getLength()));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code query} and returns the answer, which must come within two seconds. */
    public byte[] exchange(byte[] query) {
        send(query);
        return receive(Duration.ofSeconds(2)).orElseThrow(
                () -> new AssertionError("no UDP answer within 2 s to " + Hex.of(query)));
    }

    @Override
    public void close() {
        socket.close();
    }
}
