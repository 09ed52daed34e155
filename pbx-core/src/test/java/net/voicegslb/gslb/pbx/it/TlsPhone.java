package net.voicegslb.gslb.pbx.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import net.voicegslb.gslb.policy.testing.TestCertificates;

/**
 * A "phone" on one TLS connection to the node: it checks the node's certificate against the test
 * CA (and its IP address), optionally shows a client certificate, sends hand-written messages and
 * reads SIP messages off the stream, framed by Content-Length.
 */
final class TlsPhone implements AutoCloseable {

    private static final Pattern LENGTH = Pattern.compile("(?im)^(?:Content-Length|l)\\s*:\\s*(\\d+)");

    final SSLSocket socket;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private TlsPhone(SSLSocket socket) {
        this.socket = socket;
    }

    /** Connects and completes the handshake offering only {@code protocol}. */
    static TlsPhone connect(int port, Path caPem, Path clientP12, String clientAlias, String protocol)
            throws Exception {
        return connect("127.0.0.1", port, null, caPem, clientP12, protocol);
    }

    /**
     * The same to {@code host} (whose certificate must name it), leaving from {@code local} (any
     * port) when it is not null.
     */
    static TlsPhone connect(String host, int port, String local, Path caPem, Path clientP12, String protocol)
            throws Exception {
        SSLContext ctx = context(caPem, clientP12);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket();
        if (local != null) {
            s.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
        }
        s.connect(new InetSocketAddress(InetAddress.getByName(host), port), 3000);
        SSLParameters p = s.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        p.setEndpointIdentificationAlgorithm("HTTPS"); // the node's certificate must name 127.0.0.1
        s.setSSLParameters(p);
        s.setSoTimeout(3000);
        s.startHandshake();
        return new TlsPhone(s);
    }

    static SSLContext context(Path caPem, Path clientP12) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = java.nio.file.Files.newInputStream(caPem)) {
            trust.setCertificateEntry("ca", (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (clientP12 != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(TestCertificates.load(clientP12), TestCertificates.PASSWORD.toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    int localPort() {
        return socket.getLocalPort();
    }

    void send(String text) throws IOException {
        socket.getOutputStream().write(text.replace("\r\n", "\n").replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    void sendRaw(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** The next whole SIP message, or null when none arrives in time (or the node closed the connection). */
    String receive(int timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            String message = framed();
            if (message != null) {
                return message;
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0 || !readSome((int) left)) {
                return null;
            }
        }
    }

    /** The next message that starts with {@code prefix}, skipping others (100 Trying), or null. */
    String receiveStartingWith(String prefix, int timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            String got = receive((int) Math.max(1, deadline - System.currentTimeMillis()));
            if (got == null) {
                return null;
            }
            if (got.startsWith(prefix)) {
                return got;
            }
        }
        return null;
    }

    /** Raw bytes that arrive within the timeout (for CRLF keepalive pongs), as text. */
    String receiveRaw(int timeoutMillis) throws IOException {
        readSome(timeoutMillis);
        String text = pending.toString(StandardCharsets.US_ASCII);
        pending.reset();
        return text;
    }

    private boolean readSome(int timeoutMillis) throws IOException {
        socket.setSoTimeout(Math.max(1, timeoutMillis));
        byte[] buf = new byte[16384];
        try {
            int n = socket.getInputStream().read(buf);
            if (n < 0) {
                return false;
            }
            pending.write(buf, 0, n);
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private String framed() {
        String text = pending.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return null;
        }
        Matcher m = LENGTH.matcher(text.substring(0, end));
        int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
        int total = end + 4 + length;
        if (text.length() < total) {
            return null;
        }
        String message = text.substring(0, total);
        byte[] rest = text.substring(total).getBytes(StandardCharsets.UTF_8);
        pending.reset();
        pending.write(rest, 0, rest.length);
        return message;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
