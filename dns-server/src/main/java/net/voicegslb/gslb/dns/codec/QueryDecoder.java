package net.voicegslb.gslb.dns.codec;

import io.netty.buffer.ByteBuf;

/**
 * Reads a query from untrusted bytes with a bounds check on every field and without building a
 * general record model: only the header, the one question and the OPT record are interpreted;
 * everything else is length-checked and skipped. Stateless; results go into a {@link ParsedQuery}.
 */
public final class QueryDecoder {

    /** The query can be answered. */
    public static final int OK = 0;
    /** Nothing sensible can be sent back (too short to hold a header, or a response): count, drop. */
    public static final int DROP = 1;
    public static final int FORMERR = 2;
    public static final int NOTIMP = 3;
    public static final int BADVERS = 4;

    private static final int MAX_LABEL = 63;

    public int decode(ByteBuf buf, ParsedQuery q) {
        q.reset();
        final int start = buf.readerIndex();
        final int end = buf.writerIndex();
        if (end - start < DnsWire.HEADER_LENGTH) {
            q.problem = "short";
            return DROP;
        }
        q.id = buf.getUnsignedShort(start);
        q.flags = buf.getUnsignedShort(start + 2);
        if ((q.flags & DnsWire.FLAG_QR) != 0) {
            q.problem = "response";
            return DROP;
        }
        q.opcode = (q.flags >>> 11) & 0xF;
        int qdcount = buf.getUnsignedShort(start + 4);
        int ancount = buf.getUnsignedShort(start + 6);
        int nscount = buf.getUnsignedShort(start + 8);
        int arcount = buf.getUnsignedShort(start + 10);
        if (qdcount != 1) {
            q.problem = qdcount == 0 ? "no question" : "several questions";
            return q.opcode != 0 ? NOTIMP : FORMERR;
        }
        int p = readQuestion(buf, start + DnsWire.HEADER_LENGTH, end, q);
        if (p < 0) {
            return q.opcode != 0 ? NOTIMP : FORMERR;
        }
        // The other sections are read even when the verdict is already NOTIMP or FORMERR, so that
        // a valid OPT is found and echoed (RFC 6891 section 7).
        int after = readRecords(buf, p, end, q, ancount + nscount, arcount);
        if (q.opcode != 0) {
            q.problem = "opcode";
            return NOTIMP;
        }
        if (ancount != 0 || nscount != 0) {
            q.problem = "records in answer or authority section";
            return FORMERR;
        }
        if (after < 0) {
            return FORMERR;
        }
        p = after;
        if (p != end) {
            q.problem = "trailing bytes";
            return FORMERR;
        }
        if (q.edns && q.ednsVersion != 0) {
            q.problem = "EDNS version";
            return BADVERS;
        }
        return OK;
    }

    private static int readQuestion(ByteBuf buf, int p, int end, ParsedQuery q) {
        q.qnameOffset = p;
        int h = DnsWire.hashStart();
        int nameLength = 0;
        while (true) {
            if (p >= end) {
                q.problem = "truncated question";
                return -1;
            }
            int len = buf.getUnsignedByte(p);
            if (len == 0) {
                h = DnsWire.hashStep(h, 0);
                p++;
                nameLength++;
                break;
            }
            if (len > MAX_LABEL) {
                // 0xC0 would be a compression pointer, 0x40/0x80 extended label types: none belong
                // in the only question of a query.
                q.problem = "bad label";
                return -1;
            }
            if (p + 1 + len > end) {
                q.problem = "truncated question";
                return -1;
            }
            nameLength += len + 1;
            if (nameLength + 1 > DnsWire.MAX_NAME_LENGTH) {
                q.problem = "name too long";
                return -1;
            }
            h = DnsWire.hashStep(h, len);
            for (int i = 1; i <= len; i++) {
                h = DnsWire.hashStep(h, buf.getUnsignedByte(p + i));
            }
            p += len + 1;
        }
        if (p + 4 > end) {
            q.problem = "truncated question";
            return -1;
        }
        q.qnameLength = nameLength;
        q.qnameHash = h;
        q.qtype = buf.getUnsignedShort(p);
        q.qclass = buf.getUnsignedShort(p + 2);
        q.questionEnd = p + 4;
        q.questionValid = true;
        return p + 4;
    }

    /** Skips {@code skipped} records, then reads the additional section; -1 when malformed. */
    private static int readRecords(ByteBuf buf, int p, int end, ParsedQuery q, int skipped, int additional) {
        for (int i = 0; i < skipped; i++) {
            p = skipName(buf, p, end);
            if (p < 0 || p + 10 > end || p + 10 + buf.getUnsignedShort(p + 8) > end) {
                q.problem = "truncated record";
                return -1;
            }
            p += 10 + buf.getUnsignedShort(p + 8);
        }
        boolean seenOpt = false;
        for (int i = 0; i < additional; i++) {
            p = readAdditional(buf, p, end, q, seenOpt);
            if (p < 0) {
                return -1;
            }
            seenOpt |= q.edns;
        }
        return p;
    }

    /** One record of the additional section; returns the offset after it, or -1 (FORMERR). */
    private static int readAdditional(ByteBuf buf, int p, int end, ParsedQuery q, boolean seenOpt) {
        int nameStart = p;
        p = skipName(buf, p, end);
        if (p < 0 || p + 10 > end) {
            q.problem = "truncated additional record";
            return -1;
        }
        int type = buf.getUnsignedShort(p);
        int rdlength = buf.getUnsignedShort(p + 8);
        int rdata = p + 10;
        if (rdata + rdlength > end) {
            q.problem = "truncated additional record";
            return -1;
        }
        if (type == DnsWire.TYPE_OPT) {
            if (seenOpt) {
                q.edns = false; // RFC 6891 6.1.1: FORMERR, and no OPT can be trusted to echo
                q.problem = "several OPT records";
                return -1;
            }
            if (p != nameStart + 1) {
                q.problem = "OPT owner is not the root";
                return -1;
            }
            int options = readOptions(buf, rdata, rdata + rdlength, q);
            if (options == OPTIONS_BROKEN) {
                return -1;
            }
            // A structurally valid OPT counts, even when an option's content is wrong: the
            // response (FORMERR then) still carries our OPT, as RFC 6891 section 7 asks.
            q.edns = true;
            q.udpPayloadSize = Math.max(DnsWire.CLASSIC_UDP_SIZE, buf.getUnsignedShort(p + 2));
            q.ednsVersion = buf.getUnsignedByte(p + 5);
            q.dnssecOk = (buf.getUnsignedShort(p + 6) & 0x8000) != 0;
            if (options == OPTIONS_INVALID) {
                return -1;
            }
        }
        // Other records (a TSIG we do not verify, say) are length-checked and ignored.
        return rdata + rdlength;
    }

    private static final int OPTIONS_OK = 0;
    /** The option framing is wrong: nothing in this OPT can be trusted. */
    private static final int OPTIONS_BROKEN = 1;
    /** Framed correctly, but an option's content is invalid (a bad client subnet). */
    private static final int OPTIONS_INVALID = 2;

    private static int readOptions(ByteBuf buf, int p, int end, ParsedQuery q) {
        int verdict = OPTIONS_OK;
        while (p < end) {
            if (p + 4 > end) {
                q.problem = "truncated EDNS option";
                return OPTIONS_BROKEN;
            }
            int code = buf.getUnsignedShort(p);
            int len = buf.getUnsignedShort(p + 2);
            int data = p + 4;
            if (data + len > end) {
                q.problem = "truncated EDNS option";
                return OPTIONS_BROKEN;
            }
            if (code == DnsWire.OPTION_CLIENT_SUBNET && verdict == OPTIONS_OK && !readClientSubnet(buf, data, len, q)) {
                verdict = OPTIONS_INVALID;
            }
            p = data + len;
        }
        return verdict;
    }

    /** RFC 7871 section 6, with the FORMERR cases of section 7.1.1. */
    private static boolean readClientSubnet(ByteBuf buf, int p, int len, ParsedQuery q) {
        if (q.hasClientSubnet) {
            q.hasClientSubnet = false; // echo neither of them
            q.problem = "several client subnet options";
            return false;
        }
        if (len < 4) {
            q.problem = "short client subnet option";
            return false;
        }
        int family = buf.getUnsignedShort(p);
        int source = buf.getUnsignedByte(p + 2);
        int scope = buf.getUnsignedByte(p + 3);
        int maxBits = family == 1 ? 32 : family == 2 ? 128 : -1;
        if (maxBits < 0) {
            q.problem = "client subnet family";
            return false;
        }
        if (source > maxBits || scope > maxBits) {
            q.problem = "client subnet prefix longer than the address";
            return false;
        }
        int addressLength = len - 4;
        if (addressLength != (source + 7) / 8) {
            q.problem = "client subnet address length does not match its prefix";
            return false;
        }
        if (source % 8 != 0) {
            int last = buf.getUnsignedByte(p + 4 + addressLength - 1);
            if ((last & (0xFF >>> (source % 8))) != 0) {
                q.problem = "client subnet address has bits beyond its prefix";
                return false;
            }
        }
        q.hasClientSubnet = true;
        q.ecsFamily = family;
        q.ecsSourcePrefix = source;
        q.ecsScopePrefix = scope;
        q.ecsAddressOffset = p + 4;
        q.ecsAddressLength = addressLength;
        return true;
    }

    /** Skips a possibly compressed name; pointers are not followed, only their two octets read. */
    private static int skipName(ByteBuf buf, int p, int end) {
        int total = 0;
        while (p < end) {
            int len = buf.getUnsignedByte(p);
            if (len == 0) {
                return p + 1;
            }
            if ((len & 0xC0) == 0xC0) {
                return p + 2 <= end ? p + 2 : -1;
            }
            if (len > MAX_LABEL) {
                return -1;
            }
            total += len + 1;
            if (total > DnsWire.MAX_NAME_LENGTH) {
                return -1;
            }
            p += len + 1;
        }
        return -1;
    }
}
