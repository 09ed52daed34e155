package net.voicegslb.gslb.dns.gslb;

import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.InetAddress;
import net.voicegslb.gslb.dns.codec.ParsedQuery;
import net.voicegslb.gslb.policy.model.ClientPrefix;

/**
 * Who a dynamic answer is for: the EDNS Client Subnet prefix when the query has one, otherwise the
 * resolver's address, cut to the measurement store's aggregation length (/24, /48), because no
 * decision can depend on finer detail. Mutable scratch owned by one event loop, so that keying a
 * query allocates nothing; {@link #k1()} and {@link #k2()} pack it for table lookups.
 */
public final class ClientKey {

    private final int ipv4Length;
    private final int ipv6Length;
    private boolean ipv6;
    private int length;
    private long bits;
    /** The last {@link #prefix()} made, reused while the key is unchanged (one resolver, no ECS). */
    private ClientPrefix cached;

    /** @param ipv6Length at most 64: the key keeps the upper half of an IPv6 address */
    public ClientKey(int ipv4Length, int ipv6Length) {
        if (ipv4Length < 0 || ipv4Length > 32 || ipv6Length < 0 || ipv6Length > 64) {
            throw new IllegalArgumentException("aggregation lengths out of range: /" + ipv4Length + ", /" + ipv6Length);
        }
        this.ipv4Length = ipv4Length;
        this.ipv6Length = ipv6Length;
    }

    /** Keys the query by its ECS option when it has one, else by {@code resolver}. */
    public ClientKey of(ByteBuf query, ParsedQuery q, InetAddress resolver) {
        if (q.hasClientSubnet) {
            fromEcs(query, q);
        } else {
            fromAddress(resolver);
        }
        return this;
    }

    private void fromEcs(ByteBuf query, ParsedQuery q) {
        ipv6 = q.ecsFamily == 2;
        int max = ipv6 ? 8 : 4;
        long v = 0;
        for (int i = 0; i < max; i++) {
            int b = i < q.ecsAddressLength ? query.getUnsignedByte(q.ecsAddressOffset + i) : 0;
            v = (v << 8) | b;
        }
        if (!ipv6) {
            v <<= 32;
        }
        set(ipv6, Math.min(q.ecsSourcePrefix, ipv6 ? ipv6Length : ipv4Length), v);
    }

    public ClientKey fromAddress(InetAddress address) {
        if (address instanceof Inet4Address a4) {
            // Inet4Address.hashCode() is its address as an int: no byte[] copy on the hot path.
            set(false, ipv4Length, (a4.hashCode() & 0xFFFFFFFFL) << 32);
        } else {
            byte[] b = address.getAddress();
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (b[i] & 0xFF);
            }
            set(true, ipv6Length, v);
        }
        return this;
    }

    public ClientKey fromPrefix(ClientPrefix p) {
        set(p.ipv6(), Math.min(p.length(), p.ipv6() ? ipv6Length : ipv4Length), p.hi());
        return this;
    }

    private void set(boolean v6, int len, long v) {
        ipv6 = v6;
        length = len;
        bits = v & ClientPrefix.maskHi(len);
    }

    /** Family and length. */
    public long k1() {
        return (ipv6 ? 2L << 8 : 1L << 8) | length;
    }

    /** The prefix's bits, left-aligned. */
    public long k2() {
        return bits;
    }

    public int length() {
        return length;
    }

    public ClientPrefix prefix() {
        ClientPrefix c = cached;
        if (c == null || c.hi() != bits || c.length() != length || c.ipv6() != ipv6) {
            c = new ClientPrefix(ipv6, bits, 0, length);
            cached = c;
        }
        return c;
    }

    static ClientPrefix prefix(long k1, long k2) {
        return new ClientPrefix((k1 >>> 8) == 2, k2, 0, (int) (k1 & 0xFF));
    }
}
