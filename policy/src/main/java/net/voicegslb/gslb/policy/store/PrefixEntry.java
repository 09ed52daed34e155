package net.voicegslb.gslb.policy.store;

import java.util.Arrays;

/**
 * Immutable statistics of one client prefix towards every site that measured it. Writers replace
 * the whole entry (copy on write), so a reader always sees RTT, jitter and loss of the same update
 * without locking.
 *
 * <p>Layout, chosen for the lookup path: one {@code int[]} with five slots per site (RTT ms,
 * jitter ms, loss ratio and weight as float bits, then the update time in whole seconds since the
 * store's origin), so a lookup touches the table slot, this object and one array: three cache lines
 * at most. About 130 bytes for four sites.
 */
public final class PrefixEntry {
    private static final int STRIDE = 5;
    private static final int RTT = 0;
    private static final int JITTER = 1;
    private static final int LOSS = 2;
    private static final int WEIGHT = 3;
    private static final int UPDATED = 4;

    final long bits;
    /** Family bit (ipv6 = 128) plus prefix length, the second half of the key. */
    final int meta;
    private final int[] data;

    private PrefixEntry(long bits, int meta, int[] data) {
        this.bits = bits;
        this.meta = meta;
        this.data = data;
    }

    static int meta(boolean ipv6, int length) {
        return (ipv6 ? 128 : 0) | length;
    }

    public boolean ipv6() {
        return (meta & 128) != 0;
    }

    public int length() {
        return meta & 127;
    }

    public long bits() {
        return bits;
    }

    public boolean hasSite(int site) {
        int o = site * STRIDE;
        return o < data.length && f(o + WEIGHT) > 0;
    }

    public double rttMillis(int site) {
        return f(site * STRIDE + RTT);
    }

    public double jitterMillis(int site) {
        return f(site * STRIDE + JITTER);
    }

    public double lossRatio(int site) {
        return f(site * STRIDE + LOSS);
    }

    /** Sample weight as of the last update (not decayed). */
    public double weight(int site) {
        return f(site * STRIDE + WEIGHT);
    }

    public int updatedSecond(int site) {
        return data[site * STRIDE + UPDATED];
    }

    private float f(int i) {
        return Float.intBitsToFloat(data[i]);
    }

    /** Most recent update over all sites, for expiry and eviction. */
    int newestSecond() {
        int newest = Integer.MIN_VALUE;
        for (int o = 0; o < data.length; o += STRIDE) {
            if (f(o + WEIGHT) > 0 && data[o + UPDATED] > newest) {
                newest = data[o + UPDATED];
            }
        }
        return newest;
    }

    static PrefixEntry empty(long bits, int meta) {
        return new PrefixEntry(bits, meta, new int[0]);
    }

    /** A copy with one more batch folded in for {@code site}. */
    PrefixEntry with(int site, double rtt, double jitter, double loss, int samples, int nowSec,
                     long halfLifeMillis, double maxWeight) {
        int[] d = Arrays.copyOf(data, Math.max(data.length, (site + 1) * STRIDE));
        int o = site * STRIDE;
        float w = Float.intBitsToFloat(d[o + WEIGHT]);
        if (w <= 0) {
            put(d, o + RTT, rtt);
            put(d, o + JITTER, jitter);
            put(d, o + LOSS, loss);
            put(d, o + WEIGHT, samples);
        } else {
            long ageMillis = Math.max(0, (long) (nowSec - d[o + UPDATED]) * 1000);
            double h = DecayingAverage.historyWeight(w, ageMillis, halfLifeMillis, maxWeight);
            put(d, o + RTT, DecayingAverage.fold(Float.intBitsToFloat(d[o + RTT]), h, rtt, samples));
            put(d, o + JITTER, DecayingAverage.fold(Float.intBitsToFloat(d[o + JITTER]), h, jitter, samples));
            put(d, o + LOSS, DecayingAverage.fold(Float.intBitsToFloat(d[o + LOSS]), h, loss, samples));
            put(d, o + WEIGHT, h + samples);
        }
        d[o + UPDATED] = Math.max(d[o + UPDATED], nowSec);
        return new PrefixEntry(bits, meta, d);
    }

    private static void put(int[] d, int i, double v) {
        d[i] = Float.floatToRawIntBits((float) v);
    }
}
