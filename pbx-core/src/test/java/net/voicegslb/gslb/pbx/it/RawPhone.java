package net.voicegslb.gslb.pbx.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A UDP "phone" on loopback that sends hand-written requests and reads what comes back. */
final class RawPhone implements AutoCloseable {

    final DatagramSocket socket;

    RawPhone() throws IOException {
        this(InetAddress.getLoopbackAddress());
    }

    /** A phone on another loopback address (127.0.0.0/8), to stand for another client network. */
    RawPhone(InetAddress bind) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(bind, 0));
        socket.setSoTimeout(3000);
    }

    int port() {
        return socket.getLocalPort();
    }

    void send(String text, int toPort) throws IOException {
        byte[] b = text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), toPort));
    }

    /** The next datagram as text, or null after the timeout. */
    String receive(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        byte[] buf = new byte[65535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
    }

    void reply(String request, String statusLine) throws IOException {
        StringBuilder sb = new StringBuilder(statusLine).append("\r\n");
        for (String line : request.split("\r\n")) {
            String l = line.toLowerCase(java.util.Locale.ROOT);
            if (l.startsWith("via:") || l.startsWith("from:") || l.startsWith("to:") || l.startsWith("call-id:")
                    || l.startsWith("cseq:")) {
                sb.append(line).append("\r\n");
            }
        }
        sb.append("Content-Length: 0\r\n\r\n");
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(b, b.length, lastSender));
    }

    InetSocketAddress lastSender;

    String receiveRequest(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        byte[] buf = new byte[65535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        lastSender = (InetSocketAddress) p.getSocketAddress();
        return new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        socket.close();
    }
}
