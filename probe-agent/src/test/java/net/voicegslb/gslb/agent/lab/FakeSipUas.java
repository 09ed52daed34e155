package net.voicegslb.gslb.agent.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal SIP user agent server on 127.0.0.1 for tests: answers every request with the
 * configured status (echoing Via, From, To, Call-ID and CSeq as RFC 3261 §8.2.6 asks), or stays
 * silent when the status is 0. Stands in for a third-party PBX or a registered phone.
 */
public final class FakeSipUas implements AutoCloseable {

    private final DatagramSocket socket;
    private final Thread thread;
    private final AtomicInteger status;
    private final AtomicLong requests = new AtomicLong();
    private volatile boolean running = true;

    public FakeSipUas(int initialStatus) {
        this.status = new AtomicInteger(initialStatus);
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setSoTimeout(200);
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::serve, "fake-uas");
        thread.setDaemon(true);
        thread.start();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public void answerWith(int code) {
        status.set(code);
    }

    public long requests() {
        return requests.get();
    }

    private void serve() {
        byte[] buf = new byte[4096];
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
            int code = status.get();
            if (code == 0) {
                continue;
            }
            String req = new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII);
            StringBuilder resp = new StringBuilder("SIP/2.0 " + code + " Test\r\n");
            for (String line : req.split("\r\n")) {
                String lower = line.toLowerCase();
                if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("call-id:")
                        || lower.startsWith("cseq:")) {
                    resp.append(line).append("\r\n");
                } else if (lower.startsWith("to:")) {
                    resp.append(line).append(";tag=uas\r\n");
                }
            }
            resp.append("Content-Length: 0\r\n\r\n");
            byte[] out = resp.toString().getBytes(StandardCharsets.US_ASCII);
            try {
                socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
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
