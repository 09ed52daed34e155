package net.voicegslb.gslb.pbx.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Transport-level meters: {@code gslb.sip.transport.dropped{reason=malformed|too_large|socket_error}}
 * and the gauge {@code gslb.sip.tcp.connections}.
 */
public final class TransportCounters {

    private final Counter malformed;
    private final Counter tooLarge;
    private final Counter socketError;
    private final AtomicInteger tcp = new AtomicInteger();

    public TransportCounters(MeterRegistry registry) {
        malformed = registry.counter("gslb.sip.transport.dropped", "reason", "malformed");
        tooLarge = registry.counter("gslb.sip.transport.dropped", "reason", "too_large");
        socketError = registry.counter("gslb.sip.transport.dropped", "reason", "socket_error");
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

    void tcpOpened() {
        tcp.incrementAndGet();
    }

    void tcpClosed() {
        tcp.decrementAndGet();
    }
}
