package net.voicegslb.gslb.deploy.it.gslb;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A hand-driven client of the telemetry endpoint (JDK WebSocket), for frames no agent would send:
 * forged identities and bytes that are no frame at all.
 */
final class TelemetrySocket implements AutoCloseable {

    /** How the upgrade ended: connected, or refused with an HTTP status. */
    record Upgrade(TelemetrySocket socket, int refusedStatus) {}

    private final WebSocket ws;
    private final CompletableFuture<Integer> closed;

    private TelemetrySocket(WebSocket ws, CompletableFuture<Integer> closed) {
        this.ws = ws;
        this.closed = closed;
    }

    static Upgrade connect(int port, String token) {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                webSocket.request(1); // probe-target lists: not what this client is about
                return null;
            }
        };
        try {
            WebSocket ws = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().newWebSocketBuilder()
                    .header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/telemetry/v1"), listener)
                    .get(5, TimeUnit.SECONDS);
            return new Upgrade(new TelemetrySocket(ws, closed), 0);
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return new Upgrade(null, h.getResponse().statusCode());
            }
            throw new AssertionError("telemetry upgrade failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("telemetry upgrade did not complete within 5 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends one binary message and waits until it is written. */
    void send(byte[] frame) {
        ws.sendBinary(ByteBuffer.wrap(frame), true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    boolean isClosed() {
        return closed.isDone() || ws.isOutputClosed();
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "test done").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        ws.abort();
    }
}
