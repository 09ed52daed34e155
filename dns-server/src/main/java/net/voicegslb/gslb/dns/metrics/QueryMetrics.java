package net.voicegslb.gslb.dns.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Query metrics. Counters are created once per (transport, type, rcode) and then read from an
 * array, so that counting costs the query path no map lookup and no tag allocation.
 *
 * <ul>
 *   <li>{@code dns_queries_total{transport,qtype,rcode}}: queries answered; qtype is one of the
 *       common types or {@code other}, rcode its mnemonic (NOERROR, NXDOMAIN, ..., BADVERS).
 *   <li>{@code dns_queries_dropped_total{transport,reason}}: queries not answered at all (too short
 *       to hold a header, or responses sent to us).
 *   <li>{@code dns_queries_malformed_total{transport,reason}}: queries answered with FORMERR or
 *       NOTIMP, by what was wrong.
 *   <li>{@code dns_responses_truncated_total{transport}}: UDP answers sent with TC set.
 *   <li>{@code dns_answer_seconds{transport}}: time from receiving a query to its response being
 *       ready to send, with histogram buckets from 5 µs to 10 ms; sampled (the first query, then one in
 *       16, per event loop or TCP connection), so its count is not the query count.
 * </ul>
 */
public final class QueryMetrics {

    private static final int[] TYPES = {Type.A, Type.AAAA, Type.NS, Type.SOA, Type.CNAME, Type.MX, Type.TXT,
        Type.SRV, Type.NAPTR, Type.PTR, Type.CAA, Type.DS, Type.ANY, Type.HTTPS, Type.SVCB};
    private static final int OTHER_TYPE = TYPES.length;
    private static final int RCODES = 24;

    private final MeterRegistry registry;
    private final Counter[] queries = new Counter[Transport.values().length * (TYPES.length + 1) * RCODES];
    private final Counter[] truncated = new Counter[Transport.values().length];
    private final Timer[] latency = new Timer[Transport.values().length];
    private final ConcurrentHashMap<String, Counter> problems = new ConcurrentHashMap<>();

    public QueryMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Transport t : Transport.values()) {
            truncated[t.ordinal()] = Counter.builder("dns.responses.truncated")
                    .description("UDP answers sent with TC set").tag("transport", t.label()).register(registry);
            latency[t.ordinal()] = Timer.builder("dns.answer")
                    .description("Time from receiving a query to its response being ready")
                    .tag("transport", t.label())
                    .serviceLevelObjectives(micros(5), micros(10), micros(25), micros(50), micros(100),
                            micros(250), micros(1000), micros(10_000))
                    .register(registry);
        }
    }

    private static Duration micros(long us) {
        return Duration.ofNanos(us * 1000);
    }

    /** @param nanos receive-to-response time, or -1 when this query was not timed (sampling) */
    public void answered(Transport t, int qtype, int rcode, long nanos) {
        int rc = rcode >= 0 && rcode < RCODES ? rcode : RCODES - 1;
        int index = (t.ordinal() * (TYPES.length + 1) + typeIndex(qtype)) * RCODES + rc;
        Counter c = queries[index];
        if (c == null) {
            // Racy on purpose: register() returns the one existing counter for the same tags.
            c = Counter.builder("dns.queries").description("Queries answered")
                    .tag("transport", t.label())
                    .tag("qtype", typeLabel(qtype))
                    .tag("rcode", rc == RCODES - 1 ? "other" : Rcode.string(rc))
                    .register(registry);
            queries[index] = c;
        }
        c.increment();
        if (nanos >= 0) {
            latency[t.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    public void truncated(Transport t) {
        truncated[t.ordinal()].increment();
    }

    public void dropped(Transport t, String reason) {
        problem("dns.queries.dropped", "Queries not answered at all", t, reason);
    }

    public void malformed(Transport t, String reason) {
        problem("dns.queries.malformed", "Queries answered with FORMERR or NOTIMP", t, reason);
    }

    private void problem(String name, String description, Transport t, String reason) {
        String r = reason == null ? "unknown" : reason;
        problems.computeIfAbsent(name + '|' + t.label() + '|' + r, k -> Counter.builder(name)
                .description(description).tag("transport", t.label()).tag("reason", r)
                .register(registry)).increment();
    }

    private static int typeIndex(int qtype) {
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i] == qtype) {
                return i;
            }
        }
        return OTHER_TYPE;
    }

    private static String typeLabel(int qtype) {
        int i = typeIndex(qtype);
        return i == OTHER_TYPE ? "other" : Type.string(TYPES[i]);
    }
}
