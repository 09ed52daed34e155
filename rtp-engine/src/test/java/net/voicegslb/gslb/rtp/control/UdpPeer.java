package net.voicegslb.gslb.rtp.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;

/** A phone's media socket on 127.0.0.1 for integration tests. */
final class UdpPeer implements AutoCloseable {

    private final DatagramSocket socket;

    UdpPeer() {
        this(0);
    }

    UdpPeer(int port) {
        this("127.0.0.1", port);
    }

    /** Bound to another loopback address, e.g. 127.0.0.66 for a stranger on another host. */
    UdpPeer(String host, int port) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    int port() {
        return socket.getLocalPort();
    }

    void send(byte[] data, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(data, data.length, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next datagram within {@code timeoutMs}, or empty. */
    Optional<byte[]> receive(int timeoutMs) {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.setSoTimeout(timeoutMs);
            socket.receive(p);
            return Optional.of(Arrays.copyOf(buf, p.getLength()));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
