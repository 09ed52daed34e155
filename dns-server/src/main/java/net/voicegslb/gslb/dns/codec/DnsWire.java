package net.voicegslb.gslb.dns.codec;

import io.netty.buffer.ByteBuf;

/** Constants of the DNS message format (RFC 1035 section 4.1, RFC 6891) and name hashing. */
public final class DnsWire {

    public static final int HEADER_LENGTH = 12;
    public static final int FLAG_QR = 0x8000;
    public static final int FLAG_AA = 0x0400;
    public static final int FLAG_TC = 0x0200;
    public static final int FLAG_RD = 0x0100;
    public static final int FLAG_CD = 0x0010;

    public static final int RCODE_NOERROR = 0;
    public static final int RCODE_FORMERR = 1;
    public static final int RCODE_SERVFAIL = 2;
    public static final int RCODE_NXDOMAIN = 3;
    public static final int RCODE_NOTIMP = 4;
    public static final int RCODE_REFUSED = 5;
    /** Extended RCODE 16 (RFC 6891): only expressible with an OPT record. */
    public static final int RCODE_BADVERS = 16;

    public static final int TYPE_OPT = 41;
    public static final int CLASS_IN = 1;
    public static final int OPTION_CLIENT_SUBNET = 8;

    /** RFC 1035 limit for UDP without EDNS, and the DNS Flag Day 2020 default with it. */
    public static final int CLASSIC_UDP_SIZE = 512;
    public static final int DEFAULT_EDNS_UDP_SIZE = 1232;
    public static final int MAX_TCP_MESSAGE = 65535;
    public static final int MAX_NAME_LENGTH = 255;

    private static final int HASH_SEED = 0x811C9DC5;
    private static final int HASH_PRIME = 0x01000193;

    private DnsWire() {}

    /** ASCII case folding; label length octets are at most 63, below 'A', so they pass unchanged. */
    public static int lower(int b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    public static int hashStart() {
        return HASH_SEED;
    }

    public static int hashStep(int h, int b) {
        return (h ^ lower(b)) * HASH_PRIME;
    }

    /** Case-insensitive hash of a wire-format name; must agree with the decoder's running hash. */
    public static int hashName(byte[] wire, int offset, int length) {
        int h = HASH_SEED;
        for (int i = 0; i < length; i++) {
            h = hashStep(h, wire[offset + i] & 0xFF);
        }
        return h;
    }

    public static int hashName(ByteBuf buf, int offset, int length) {
        int h = HASH_SEED;
        for (int i = 0; i < length; i++) {
            h = hashStep(h, buf.getUnsignedByte(offset + i));
        }
        return h;
    }
}
