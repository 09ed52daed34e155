package net.voicegslb.gslb.dns.telemetry;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.policy.telemetry.TelemetryEnvelope;
import net.voicegslb.gslb.policy.telemetry.TelemetryMessage;
import net.voicegslb.gslb.policy.telemetry.wire.MalformedFrameException;
import net.voicegslb.gslb.policy.telemetry.wire.TelemetryFrameCodec;

/** A real WebSocket client speaking the agents' protocol, with full control over what it sends. */
final class TestAgent implements AutoCloseable {
    private static final TelemetryFrameCodec CODEC = new TelemetryFrameCodec();

    /**
     * Held for the agent's life: Vert.x closes a client, with its connections, once the client is
     * unreachable (its Cleaner), so a GC during the TLS handshake used to end the connection
     * ("Connection closed") before the upgrade was sent.
     */
    private final WebSocketClient client;
    final WebSocket socket;
    final List<TelemetryEnvelope> received = new CopyOnWriteArrayList<>();
    final CompletableFuture<Short> closed = new CompletableFuture<>();
    private long sequence;

    private TestAgent(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.binaryMessageHandler(b -> {
            try {
                received.add(CODEC.decode(b.getBytes()));
            } catch (MalformedFrameException e) {
                throw new AssertionError("the server sent a malformed frame", e);
            }
        });
        socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
    }

    /** Connects to {@code path} with {@code Authorization: Bearer token} (none when token is null). */
    static CompletableFuture<TestAgent> connect(WebSocketClient client, int port, boolean tls, String path,
                                                String token) {
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path)
                .setSsl(tls).setTimeout(10_000);
        if (token != null) {
            o.addHeader("Authorization", "Bearer " + token);
        }
        // the lambda keeps the client reachable while the connect is in flight
        return client.connect(o).map(ws -> new TestAgent(client, ws)).toCompletionStage().toCompletableFuture();
    }

    static TestAgent open(WebSocketClient client, int port, String token) throws Exception {
        return connect(client, port, false, TelemetryServer.PATH, token).get(10, TimeUnit.SECONDS);
    }

    /** Sends {@code m} from {@code sender} with the next sequence number and the current time. */
    TestAgent send(String sender, TelemetryMessage m) {
        return sendRaw(CODEC.encode(TelemetryEnvelope.of(sender, ++sequence, System.currentTimeMillis(), m)));
    }

    TestAgent send(TelemetryEnvelope env) {
        return sendRaw(CODEC.encode(env));
    }

    TestAgent sendRaw(byte[] frame) {
        socket.writeBinaryMessage(Buffer.buffer(frame));
        return this;
    }

    long nextSequence() {
        return ++sequence;
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }
}
