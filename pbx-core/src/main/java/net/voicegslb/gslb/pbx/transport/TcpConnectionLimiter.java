package net.voicegslb.gslb.pbx.transport;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open SIP TCP connections in total and per source, and says whether one more may open.
 * A source is an IPv4 address or an IPv6 /64, since one host easily has a whole /64. Every
 * admitted connection must be released exactly once.
 */
final class TcpConnectionLimiter {

    enum Verdict { ADMITTED, TOO_MANY, TOO_MANY_FROM_SOURCE }

    private final int maxTotal;
    private final int maxPerSource;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<InetAddress, Integer> perSource = new ConcurrentHashMap<>();

    TcpConnectionLimiter(int maxTotal, int maxPerSource) {
        this.maxTotal = maxTotal;
        this.maxPerSource = maxPerSource;
    }

    Verdict acquire(InetAddress address) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return Verdict.TOO_MANY;
        }
        boolean[] admitted = {false};
        perSource.compute(source(address), (k, n) -> {
            int count = n == null ? 0 : n;
            if (count >= maxPerSource) {
                return n;
            }
            admitted[0] = true;
            return count + 1;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
            return Verdict.TOO_MANY_FROM_SOURCE;
        }
        return Verdict.ADMITTED;
    }

    void release(InetAddress address) {
        perSource.computeIfPresent(source(address), (k, n) -> n <= 1 ? null : n - 1);
        total.decrementAndGet();
    }

    int open() {
        return total.get();
    }

    int sources() {
        return perSource.size();
    }

    static InetAddress source(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] prefix = Arrays.copyOf(Arrays.copyOf(address.getAddress(), 8), 16);
        try {
            return InetAddress.getByAddress(prefix);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 16 bytes are always an address
        }
    }
}
