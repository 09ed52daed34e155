package net.voicegslb.gslb.dns.telemetry;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import net.voicegslb.gslb.dns.config.TelemetryAdmission;

/**
 * Admission of telemetry connections before any TLS work: a token bucket of new connections per
 * source address, and caps on connections that have not authenticated yet, per source and in
 * total. An authenticated connection no longer counts, so agents that are connected are never
 * pushed out by a flood; only new and still anonymous connections compete for the slots.
 *
 * <p>Pure bookkeeping on a caller-supplied monotonic clock; one thread only (the ingest's
 * handshake event loop). The per-source table is bounded: idle sources are forgotten oldest
 * first, and a source with open anonymous connections is never forgotten.
 */
final class ConnectionGate {

    /** Sources remembered for their rate; beyond this the least recently seen idle ones go. */
    static final int MAX_SOURCES = 10_000;

    /** Why a connection was refused, as the {@code reason} label of the refusal counter. */
    enum Refusal {
        SOURCE_RATE("source_rate"),
        SOURCE_LIMIT("source_limit"),
        TOTAL_LIMIT("total_limit"),
        HANDSHAKE_TIMEOUT("handshake_timeout");

        private final String label;

        Refusal(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private static final class Source {
        final TokenBucket bucket;
        int pending;

        Source(TokenBucket bucket) {
            this.bucket = bucket;
        }
    }

    private final TelemetryAdmission limits;
    private final Map<InetAddress, Source> sources = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Source> eldest) {
            return size() > MAX_SOURCES && eldest.getValue().pending == 0;
        }
    };
    /** Written by the owning thread only; read by the metrics gauge. */
    private volatile int pending;

    ConnectionGate(TelemetryAdmission limits) {
        this.limits = limits;
    }

    /** Null when the connection may start its handshake (it then counts as pending), else why not. */
    Refusal admit(InetAddress source, long nowNanos) {
        Source s = sources.computeIfAbsent(source,
                a -> new Source(new TokenBucket(limits.connectionsPerSecond(), limits.connectionBurst(), nowNanos)));
        if (!s.bucket.tryTake(nowNanos)) {
            return Refusal.SOURCE_RATE;
        }
        if (s.pending >= limits.maxUnauthenticatedPerSource()) {
            return Refusal.SOURCE_LIMIT;
        }
        if (pending >= limits.maxUnauthenticated()) {
            return Refusal.TOTAL_LIMIT;
        }
        s.pending++;
        pending++;
        return null;
    }

    /** An admitted connection authenticated or closed: it no longer holds a slot. */
    void release(InetAddress source) {
        Source s = sources.get(source);
        if (s != null && s.pending > 0) {
            s.pending--;
            pending--;
        }
    }

    /** Connections admitted and not yet authenticated or closed. */
    int pending() {
        return pending;
    }

    int pendingFrom(InetAddress source) {
        Source s = sources.get(source);
        return s == null ? 0 : s.pending;
    }
}
