package net.voicegslb.gslb.dns.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import net.voicegslb.gslb.dns.answer.PreparedAnswer;

/**
 * Writes responses: the query's header fields and question bytes as sent (ID, opcode, RD, CD and
 * the question's letter case survive), then pre-encoded sections, then our OPT record. Stateless.
 */
public final class ResponseWriter {

    private static final int OPT_FIXED_LENGTH = 11;
    private static final int ECS_FIXED_LENGTH = 8;

    private final int maxUdpPayload;

    /** @param maxUdpPayload the largest UDP response we send and advertise (RFC 6891 6.2.5) */
    public ResponseWriter(int maxUdpPayload) {
        this.maxUdpPayload = maxUdpPayload;
    }

    /** The size limit for this query: the smaller of the client's EDNS size and ours, 512 without EDNS. */
    public int udpLimit(ParsedQuery q) {
        return q.edns ? Math.min(q.udpPayloadSize, maxUdpPayload) : DnsWire.CLASSIC_UDP_SIZE;
    }

    /**
     * The answer, shrunk to {@code limit}: first without the optional additional section, then as
     * an empty response with TC set so that the client retries over TCP (RFC 7766 section 5).
     */
    public ByteBuf answer(ByteBuf query, ParsedQuery q, PreparedAnswer a, int limit, ByteBufAllocator alloc) {
        return answer(query, q, a, limit, 0, alloc);
    }

    /**
     * @param ecsScope the ECS scope prefix length to return: the prefix length the answer depended
     *                 on (RFC 7871 7.2.1); 0 for answers that are the same for every client
     */
    public ByteBuf answer(ByteBuf query, ParsedQuery q, PreparedAnswer a, int limit, int ecsScope,
            ByteBufAllocator alloc) {
        int questionLength = q.questionEnd - DnsWire.HEADER_LENGTH - query.readerIndex();
        int fixed = DnsWire.HEADER_LENGTH + questionLength + optLength(q);
        byte[] body = a.body();
        int additional = a.additionalCount();
        if (fixed + body.length > limit) {
            body = a.bodyWithoutAdditional();
            additional = 0;
            if (body == null || fixed + body.length > limit) {
                return truncated(query, q, a, ecsScope, alloc);
            }
        }
        ByteBuf out = alloc.ioBuffer(fixed + body.length);
        int flags = baseFlags(q) | (a.authoritative() ? DnsWire.FLAG_AA : 0) | (a.rcode() & 0xF);
        writeHeader(out, q, flags, 1, a.answerCount(), a.authorityCount(), additional);
        out.writeBytes(query, query.readerIndex() + DnsWire.HEADER_LENGTH, questionLength);
        out.writeBytes(body);
        writeOpt(out, query, q, a.rcode(), ecsScope);
        return out;
    }

    private ByteBuf truncated(ByteBuf query, ParsedQuery q, PreparedAnswer a, int ecsScope, ByteBufAllocator alloc) {
        int questionLength = q.questionEnd - DnsWire.HEADER_LENGTH - query.readerIndex();
        ByteBuf out = alloc.ioBuffer(DnsWire.HEADER_LENGTH + questionLength + optLength(q));
        int flags = baseFlags(q) | DnsWire.FLAG_TC | (a.authoritative() ? DnsWire.FLAG_AA : 0) | (a.rcode() & 0xF);
        writeHeader(out, q, flags, 1, 0, 0, 0);
        out.writeBytes(query, query.readerIndex() + DnsWire.HEADER_LENGTH, questionLength);
        writeOpt(out, query, q, a.rcode(), ecsScope);
        return out;
    }

    /**
     * A response without records: FORMERR, NOTIMP, REFUSED or BADVERS. The question is echoed when
     * it could be read; the OPT record when the query had a valid one (RFC 6891 section 7).
     */
    public ByteBuf error(ByteBuf query, ParsedQuery q, int rcode, boolean echoOpt, ByteBufAllocator alloc) {
        int questionLength = q.questionValid ? q.questionEnd - DnsWire.HEADER_LENGTH - query.readerIndex() : 0;
        boolean opt = echoOpt && q.edns;
        ByteBuf out = alloc.ioBuffer(DnsWire.HEADER_LENGTH + questionLength + (opt ? optLength(q) : 0));
        writeHeader(out, q, baseFlags(q) | (rcode & 0xF), q.questionValid ? 1 : 0, 0, 0, 0);
        if (questionLength > 0) {
            out.writeBytes(query, query.readerIndex() + DnsWire.HEADER_LENGTH, questionLength);
        }
        if (opt) {
            writeOpt(out, query, q, rcode, 0);
        }
        return out;
    }

    private static int baseFlags(ParsedQuery q) {
        // QR set; opcode, RD and CD copied (RFC 1035 4.1.1, RFC 4035 3.1.6); RA, AD and Z clear.
        return DnsWire.FLAG_QR | (q.opcode << 11) | (q.flags & (DnsWire.FLAG_RD | DnsWire.FLAG_CD));
    }

    private static void writeHeader(ByteBuf out, ParsedQuery q, int flags, int qd, int an, int ns, int ar) {
        out.writeShort(q.id);
        out.writeShort(flags);
        out.writeShort(qd);
        out.writeShort(an);
        out.writeShort(ns);
        out.writeShort(ar);
    }

    private static int optLength(ParsedQuery q) {
        if (!q.edns) {
            return 0;
        }
        return OPT_FIXED_LENGTH + (q.hasClientSubnet ? ECS_FIXED_LENGTH + q.ecsAddressLength : 0);
    }

    /** Our OPT record (RFC 6891 6.1.3), with the client subnet echoed at the given scope (RFC 7871 7.2.1). */
    private void writeOpt(ByteBuf out, ByteBuf query, ParsedQuery q, int rcode, int ecsScope) {
        if (!q.edns) {
            return;
        }
        // The additional count written in the header does not include OPT yet: patch it.
        out.setShort(10, out.getUnsignedShort(10) + 1);
        out.writeByte(0);
        out.writeShort(DnsWire.TYPE_OPT);
        out.writeShort(maxUdpPayload);
        out.writeByte(rcode >>> 4);
        out.writeByte(0);
        out.writeShort(q.dnssecOk ? 0x8000 : 0);
        if (!q.hasClientSubnet) {
            out.writeShort(0);
            return;
        }
        out.writeShort(4 + 4 + q.ecsAddressLength);
        out.writeShort(DnsWire.OPTION_CLIENT_SUBNET);
        out.writeShort(4 + q.ecsAddressLength);
        out.writeShort(q.ecsFamily);
        out.writeByte(q.ecsSourcePrefix);
        out.writeByte(Math.min(ecsScope, q.ecsFamily == 2 ? 128 : 32));
        out.writeBytes(query, q.ecsAddressOffset, q.ecsAddressLength);
    }
}
