package net.voicegslb.gslb.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A minimal SIP UAS on loopback for the tests of the SIP OPTIONS client and of the DNS server's
 * checks: answers each OPTIONS with whatever
 * {@link #reply} returns for it (nothing = silent), echoing Via, From, To, Call-ID and CSeq as a real
 * UAS does. UDP, TCP or TLS; records when each request arrived.
 */
public final class SipResponder implements AutoCloseable {
    /** Builds raw responses for a request; each string is sent as one message. */
    public interface Reply extends Function<String, List<String>> {
    }

    private final boolean tcp;
    private final DatagramSocket udp;
    private final ServerSocket server;
    private final Thread thread;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final Queue<Long> receivedNanos = new ConcurrentLinkedQueue<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile Reply reply;
    private volatile long delayMillis;

    private SipResponder(boolean tcp, Reply reply) throws IOException {
        this(tcp, reply, javax.net.ServerSocketFactory.getDefault());
    }

    private SipResponder(boolean tcp, Reply reply, javax.net.ServerSocketFactory sockets) throws IOException {
        this(tcp, reply, sockets, 0);
    }

    private SipResponder(boolean tcp, Reply reply, javax.net.ServerSocketFactory sockets, int port) throws IOException {
        this.tcp = tcp;
        this.reply = reply;
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        if (tcp) {
            udp = null;
            server = sockets.createServerSocket();
            server.setReuseAddress(true); // a listener coming back on the port of one that died
            server.bind(any);
            thread = new Thread(this::acceptLoop, "tcp-responder");
        } else {
            server = null;
            udp = new DatagramSocket(any);
            thread = new Thread(this::udpLoop, "udp-responder");
        }
        thread.setDaemon(true);
        thread.start();
    }

    public static SipResponder udp(Reply reply) throws IOException {
        return new SipResponder(false, reply);
    }

    public static SipResponder tcp(Reply reply) throws IOException {
        return new SipResponder(true, reply);
    }

    /** A TLS listener presenting the key and certificate chain of {@code tls}. */
    public static SipResponder tls(Reply reply, javax.net.ssl.SSLContext tls) throws IOException {
        return new SipResponder(true, reply, tls.getServerSocketFactory());
    }

    /** A TLS listener on a given port: the same node's listener started again after it died. */
    public static SipResponder tls(Reply reply, javax.net.ssl.SSLContext tls, int port) throws IOException {
        return new SipResponder(true, reply, tls.getServerSocketFactory(), port);
    }

    public InetSocketAddress address() {
        return tcp ? (InetSocketAddress) server.getLocalSocketAddress() : (InetSocketAddress) udp.getLocalSocketAddress();
    }

    public void reply(Reply r) {
        reply = r;
    }

    /** Answers this much later (in a separate thread, so requests keep being read). */
    public void delay(long millis) {
        delayMillis = millis;
    }

    public List<Long> receivedNanos() {
        return new ArrayList<>(receivedNanos);
    }

    public int acceptedConnections() {
        return accepted.get();
    }

    // ------------------------------------------------------------------ canned replies

    public static Reply status(String statusLine, String... extraHeaders) {
        return req -> List.of(response(req, statusLine, extraHeaders));
    }

    public static Reply silent() {
        return req -> List.of();
    }

    public static Reply raw(String message) {
        return req -> List.of(message);
    }

    public static String response(String request, String statusLine, String... extraHeaders) {
        StringBuilder sb = new StringBuilder("SIP/2.0 ").append(statusLine).append("\r\n");
        for (String line : request.split("\r\n")) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("call-id:")
                    || lower.startsWith("cseq:")) {
                sb.append(line).append("\r\n");
            } else if (lower.startsWith("to:")) {
                sb.append(line).append(";tag=responder\r\n");
            }
        }
        for (String h : extraHeaders) {
            sb.append(h).append("\r\n");
        }
        return sb.append("Content-Length: 0\r\n\r\n").toString();
    }

    // ------------------------------------------------------------------ loops

    private void udpLoop() {
        byte[] buf = new byte[65_535];
        while (!udp.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                udp.receive(p);
            } catch (IOException closed) {
                return;
            }
            receivedNanos.add(System.nanoTime());
            String req = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
            InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
            later(() -> {
                for (String r : reply.apply(req)) {
                    byte[] b = r.getBytes(StandardCharsets.ISO_8859_1);
                    udp.send(new DatagramPacket(b, b.length, from));
                }
            });
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException closed) {
                return;
            }
            accepted.incrementAndGet();
            connections.add(s);
            Thread t = new Thread(() -> connectionLoop(s), "tcp-responder-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private void connectionLoop(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            StringBuilder pending = new StringBuilder();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                pending.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                int end;
                // Our client sends Content-Length: 0, so a request ends at the blank line.
                while ((end = pending.indexOf("\r\n\r\n")) >= 0) {
                    String req = pending.substring(0, end + 4);
                    pending.delete(0, end + 4);
                    receivedNanos.add(System.nanoTime());
                    later(() -> {
                        for (String r : reply.apply(req)) {
                            synchronized (out) {
                                out.write(r.getBytes(StandardCharsets.ISO_8859_1));
                                out.flush();
                            }
                        }
                    });
                }
            }
        } catch (IOException closed) {
            // peer went away or we closed
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private void later(IoAction action) {
        long d = delayMillis;
        Runnable r = () -> {
            try {
                action.run();
            } catch (IOException ignored) {
                // the socket closed under us at the end of a test
            }
        };
        if (d == 0) {
            r.run();
            return;
        }
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(d); // simulates a slow peer; not used to synchronise the test
            } catch (InterruptedException e) {
                return;
            }
            r.run();
        }, "responder-delay");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        if (tcp) {
            server.close();
            for (Socket s : connections) {
                s.close();
            }
        } else {
            udp.close();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A UDP port on loopback with nothing bound to it (bound, then released). */
    public static int closedUdpPort() throws SocketException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    /** A TCP port on loopback with no listener. */
    public static int closedTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
