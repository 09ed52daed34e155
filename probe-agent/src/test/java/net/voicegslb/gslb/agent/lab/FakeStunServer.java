package net.voicegslb.gslb.agent.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import net.voicegslb.gslb.agent.codec.StunCodec;

/**
 * A minimal STUN server (RFC 8489 Binding only) on 127.0.0.1: answers each request with the
 * requester's address in XOR-MAPPED-ADDRESS, after silently dropping the first {@code dropFirst}
 * requests (to exercise retransmission). On loopback the "public" address is 127.0.0.1.
 */
public final class FakeStunServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final Thread thread;
    private final AtomicInteger toDrop;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile InetSocketAddress lastClient;
    private volatile boolean running = true;

    public FakeStunServer(int dropFirst) {
        this.toDrop = new AtomicInteger(dropFirst);
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setSoTimeout(200);
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::serve, "fake-stun");
        thread.setDaemon(true);
        thread.start();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public int requests() {
        return requests.get();
    }

    public InetSocketAddress lastClient() {
        return lastClient;
    }

    private void serve() {
        byte[] buf = new byte[1500];
        while (running) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            requests.incrementAndGet();
            if (p.getLength() < 20 || toDrop.getAndDecrement() > 0) {
                continue;
            }
            InetSocketAddress client = (InetSocketAddress) p.getSocketAddress();
            lastClient = client;
            byte[] resp = new byte[32];
            resp[0] = 0x01;
            resp[1] = 0x01; // Binding success
            resp[3] = 12; // one 12-byte attribute
            System.arraycopy(buf, 4, resp, 4, 16); // magic cookie + transaction ID
            resp[21] = 0x20; // XOR-MAPPED-ADDRESS
            resp[23] = 8;
            resp[25] = 1; // IPv4
            int xport = client.getPort() ^ (StunCodec.MAGIC_COOKIE >>> 16);
            resp[26] = (byte) (xport >>> 8);
            resp[27] = (byte) xport;
            byte[] a = client.getAddress().getAddress();
            for (int k = 0; k < 4; k++) {
                resp[28 + k] = (byte) (a[k] ^ (StunCodec.MAGIC_COOKIE >>> (24 - 8 * k)));
            }
            try {
                socket.send(new DatagramPacket(resp, resp.length, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
