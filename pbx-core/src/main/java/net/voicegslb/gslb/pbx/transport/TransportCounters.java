package net.voicegslb.gslb.pbx.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Transport-level meters: {@code gslb.sip.transport.dropped{reason=malformed|too_large|socket_error}},
 * {@code gslb.sip.tcp.refused{reason=max_connections|max_connections_per_source}} (connections
 * closed as soon as accepted), {@code gslb.sip.tcp.closed{reason=message_timeout|idle_timeout|write_backlog}}
 * (connections we closed to protect ourselves), {@code gslb.sip.tls.refused{reason=handshake_timeout|handshake_failed}}
 * (TLS connections closed before their handshake completed: too slow, or an old protocol, an
 * unacceptable or missing client certificate, plain bytes on the TLS port) and the gauge
 * {@code gslb.sip.tcp.connections} (TLS connections included: they share the TCP limits).
 */
public final class TransportCounters {

    private final Counter malformed;
    private final Counter tooLarge;
    private final Counter socketError;
    private final Counter refusedTotal;
    private final Counter refusedPerSource;
    private final Counter messageTimeout;
    private final Counter idleTimeout;
    private final Counter writeBacklog;
    private final Counter tlsHandshakeTimeout;
    private final Counter tlsHandshakeFailed;
    private final AtomicInteger tcp = new AtomicInteger();

    public TransportCounters(MeterRegistry registry) {
        malformed = registry.counter("gslb.sip.transport.dropped", "reason", "malformed");
        tooLarge = registry.counter("gslb.sip.transport.dropped", "reason", "too_large");
        socketError = registry.counter("gslb.sip.transport.dropped", "reason", "socket_error");
        refusedTotal = registry.counter("gslb.sip.tcp.refused", "reason", "max_connections");
        refusedPerSource = registry.counter("gslb.sip.tcp.refused", "reason", "max_connections_per_source");
        messageTimeout = registry.counter("gslb.sip.tcp.closed", "reason", "message_timeout");
        idleTimeout = registry.counter("gslb.sip.tcp.closed", "reason", "idle_timeout");
        writeBacklog = registry.counter("gslb.sip.tcp.closed", "reason", "write_backlog");
        tlsHandshakeTimeout = registry.counter("gslb.sip.tls.refused", "reason", "handshake_timeout");
        tlsHandshakeFailed = registry.counter("gslb.sip.tls.refused", "reason", "handshake_failed");
        registry.gauge("gslb.sip.tcp.connections", tcp);
    }

    void malformed() {
        malformed.increment();
    }

    void tooLarge() {
        tooLarge.increment();
    }

    void socketError() {
        socketError.increment();
    }

    void refused(TcpConnectionLimiter.Verdict verdict) {
        (verdict == TcpConnectionLimiter.Verdict.TOO_MANY ? refusedTotal : refusedPerSource).increment();
    }

    void messageTimeout() {
        messageTimeout.increment();
    }

    void idleTimeout() {
        idleTimeout.increment();
    }

    void writeBacklog() {
        writeBacklog.increment();
    }

    void tlsHandshakeTimeout() {
        tlsHandshakeTimeout.increment();
    }

    void tlsHandshakeFailed() {
        tlsHandshakeFailed.increment();
    }

    void tcpOpened() {
        tcp.incrementAndGet();
    }

    void tcpClosed() {
        tcp.decrementAndGet();
    }
}
