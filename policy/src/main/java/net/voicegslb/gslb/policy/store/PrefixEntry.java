package net.voicegslb.gslb.policy.store;

import java.util.Arrays;

/**
 * Immutable statistics of one client prefix towards every site that measured it. Writers replace
 * the whole entry (copy on write), so a reader always sees RTT, jitter and loss of the same update
 * without locking. Per site four floats (RTT ms, jitter ms, loss ratio, weight in samples) and the
 * update time in whole seconds since the store's origin: about 150 bytes for four sites.
 */
public final class PrefixEntry {
    private static final int STRIDE = 4;

    final long bits;
    /** Family bit (ipv6 = 128) plus prefix length, the second half of the key. */
    final int meta;
    private final float[] values;
    private final int[] updatedSec;

    PrefixEntry(long bits, int meta, float[] values, int[] updatedSec) {
        this.bits = bits;
        this.meta = meta;
        this.values = values;
        this.updatedSec = updatedSec;
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
        return site * STRIDE < values.length && values[site * STRIDE + 3] > 0;
    }

    public double rttMillis(int site) {
        return values[site * STRIDE];
    }

    public double jitterMillis(int site) {
        return values[site * STRIDE + 1];
    }

    public double lossRatio(int site) {
        return values[site * STRIDE + 2];
    }

    /** Sample weight as of the last update (not decayed). */
    public double weight(int site) {
        return values[site * STRIDE + 3];
    }

    public int updatedSecond(int site) {
        return updatedSec[site];
    }

    /** Most recent update over all sites, for expiry and eviction. */
    int newestSecond() {
        int newest = Integer.MIN_VALUE;
        for (int i = 0; i < updatedSec.length; i++) {
            if (values[i * STRIDE + 3] > 0 && updatedSec[i] > newest) {
                newest = updatedSec[i];
            }
        }
        return newest;
    }

    static PrefixEntry empty(long bits, int meta) {
        return new PrefixEntry(bits, meta, new float[0], new int[0]);
    }

    /** A copy with one more batch folded in for {@code site}. */
    PrefixEntry with(int site, double rtt, double jitter, double loss, int samples, int nowSec,
                     long halfLifeMillis, double maxWeight) {
        int sites = Math.max(updatedSec.length, site + 1);
        float[] v = Arrays.copyOf(values, sites * STRIDE);
        int[] t = Arrays.copyOf(updatedSec, sites);
        int o = site * STRIDE;
        if (v[o + 3] <= 0) {
            v[o] = (float) rtt;
            v[o + 1] = (float) jitter;
            v[o + 2] = (float) loss;
            v[o + 3] = samples;
        } else {
            long ageMillis = Math.max(0, (long) (nowSec - t[site]) * 1000);
            double h = DecayingAverage.historyWeight(v[o + 3], ageMillis, halfLifeMillis, maxWeight);
            v[o] = (float) DecayingAverage.fold(v[o], h, rtt, samples);
            v[o + 1] = (float) DecayingAverage.fold(v[o + 1], h, jitter, samples);
            v[o + 2] = (float) DecayingAverage.fold(v[o + 2], h, loss, samples);
            v[o + 3] = (float) (h + samples);
        }
        t[site] = Math.max(t[site], nowSec);
        return new PrefixEntry(bits, meta, v, t);
    }
}
