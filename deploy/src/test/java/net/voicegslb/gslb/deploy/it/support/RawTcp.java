package net.voicegslb.gslb.deploy.it.support;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** A TCP connection to the server on 127.0.0.1 with RFC 1035 two-byte framing done by hand. */
public final class RawTcp implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    public RawTcp(int port) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            socket.setSoTimeout(2_000);
            socket.setTcpNoDelay(true);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prefixes each message with its length and writes them all in a single write. */
    public void sendFramed(byte[]... messages) {
        write(frame(messages));
    }

    /** Writes bytes exactly as given (for split frames). */
    public void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] frame(byte[]... messages) {
        byte[][] parts = new byte[messages.length * 2][];
        for (int i = 0; i < messages.length; i++) {
            parts[2 * i] = new byte[] {(byte) (messages[i].length >> 8), (byte) messages[i].length};
            parts[2 * i + 1] = messages[i];
        }
        return Hex.concat(parts);
    }

    /** Reads one framed message; fails after two seconds without one. */
    public byte[] readMessage() {
        try {
            int length = in.readUnsignedShort();
            byte[] m = new byte[length];
            in.readFully(m);
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("no complete framed answer", e);
        }
    }

    public byte[] exchange(byte[] query) {
        sendFramed(query);
        return readMessage();
    }

    /**
     * Waits up to {@code timeout} for the server to close the connection (EOF or reset) and returns
     * how long that took; throws if the connection is still open by then or data arrives instead.
     */
    public Duration awaitClosedByServer(Duration timeout) {
        long t0 = System.nanoTime();
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            int b = in.read();
            if (b >= 0) {
                throw new AssertionError("expected the server to close the connection, got data instead");
            }
        } catch (EOFException | SocketException closed) {
            // closed (FIN) or reset (RST): both mean the server dropped the connection
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
