package net.voicegslb.gslb.dns.answer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import net.voicegslb.gslb.dns.codec.DnsWire;
import net.voicegslb.gslb.dns.codec.ParsedQuery;
import net.voicegslb.gslb.dns.codec.QueryDecoder;
import net.voicegslb.gslb.dns.codec.ResponseWriter;
import net.voicegslb.gslb.dns.metrics.QueryMetrics;
import net.voicegslb.gslb.dns.metrics.Transport;

/**
 * The query path shared by UDP and TCP: decode, find the prepared answer, write the response.
 * Thread-safe without locks: the only shared state is the current {@link AnswerSnapshot}, read
 * through a volatile field and replaced whole on reload.
 */
public final class DnsResponder {

    private static final int TYPE_AXFR = 252;
    private static final int TYPE_IXFR = 251;

    private final QueryDecoder decoder = new QueryDecoder();
    private final QueryMetrics metrics;
    private volatile Generation current;

    /** What a reload replaces, together, so that no query sees half of it. */
    private record Generation(AnswerSnapshot snapshot, ResponseWriter writer) {}

    public DnsResponder(AnswerSnapshot initial, ResponseWriter writer, QueryMetrics metrics) {
        this.current = new Generation(initial, writer);
        this.metrics = metrics;
    }

    public void replace(AnswerSnapshot next, ResponseWriter writer) {
        this.current = new Generation(next, writer);
    }

    public AnswerSnapshot snapshot() {
        return current.snapshot();
    }

    /**
     * The response to one query, or null when the query is dropped (counted).
     *
     * @param q reusable scratch space owned by the calling event loop
     */
    public ByteBuf respond(ByteBuf query, ParsedQuery q, Transport transport, ByteBufAllocator alloc) {
        long start = System.nanoTime();
        Generation g = current;
        ResponseWriter writer = g.writer();
        int status = decoder.decode(query, q);
        ByteBuf out;
        int rcode;
        switch (status) {
            case QueryDecoder.OK -> {
                PreparedAnswer a = q.qclass == DnsWire.CLASS_IN && q.qtype != TYPE_AXFR && q.qtype != TYPE_IXFR
                        ? g.snapshot().find(query, q) : null;
                if (a == null) {
                    rcode = DnsWire.RCODE_REFUSED;
                    out = writer.error(query, q, rcode, true, alloc);
                } else {
                    rcode = a.rcode();
                    int limit = transport == Transport.UDP ? writer.udpLimit(q) : DnsWire.MAX_TCP_MESSAGE;
                    out = writer.answer(query, q, a, limit, alloc);
                    if ((out.getUnsignedShort(2) & DnsWire.FLAG_TC) != 0) {
                        metrics.truncated(transport);
                    }
                }
            }
            case QueryDecoder.BADVERS -> {
                rcode = DnsWire.RCODE_BADVERS;
                out = writer.error(query, q, rcode, true, alloc);
            }
            case QueryDecoder.NOTIMP, QueryDecoder.FORMERR -> {
                rcode = status == QueryDecoder.NOTIMP ? DnsWire.RCODE_NOTIMP : DnsWire.RCODE_FORMERR;
                metrics.malformed(transport, q.problem);
                out = writer.error(query, q, rcode, true, alloc);
            }
            default -> {
                metrics.dropped(transport, q.problem);
                return null;
            }
        }
        metrics.answered(transport, q.qtype, rcode, System.nanoTime() - start);
        return out;
    }
}
