package net.voicegslb.gslb.rtp.transport;

import java.security.SecureRandom;
import java.util.BitSet;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * Hands out RTP/RTCP port pairs (even RTP port, RTCP = RTP + 1) from a range, each one chosen at
 * random among the free pairs. In order, the next call's ports would be predictable, and a third
 * party could aim at them before the phones send (RTP bleed); with a random choice it has to
 * spray the whole range. Control-plane only, hence simply synchronized.
 */
public final class PortAllocator {

    private final int firstPort;
    private final int pairs;
    private final RandomGenerator random;
    /** Indexes of the free pairs in {@code free[0..freeCount)}, in no particular order. */
    private final int[] free;
    private int freeCount;
    private final BitSet inUse;

    /** Chooses pairs with a {@link SecureRandom}: an attacker must not predict the next choice. */
    public PortAllocator(int portMin, int portMax) {
        this(portMin, portMax, new SecureRandom());
    }

    public PortAllocator(int portMin, int portMax, RandomGenerator random) {
        this.firstPort = portMin + (portMin & 1);
        this.pairs = Math.max(0, (portMax - firstPort + 1) / 2);
        this.random = random;
        this.inUse = new BitSet(pairs);
        this.free = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            free[i] = i;
        }
        this.freeCount = pairs;
    }

    /** The RTP port of a free pair chosen at random, or empty when the range is exhausted. */
    public synchronized OptionalInt reserve() {
        if (freeCount == 0) {
            return OptionalInt.empty();
        }
        int slot = random.nextInt(freeCount);
        int index = free[slot];
        free[slot] = free[--freeCount];
        inUse.set(index);
        return OptionalInt.of(firstPort + 2 * index);
    }

    /** Returns a pair; releasing a pair that is not reserved is a bug in the caller. */
    public synchronized void release(int rtpPort) {
        int index = (rtpPort - firstPort) / 2;
        if (rtpPort < firstPort || (rtpPort - firstPort) % 2 != 0 || index >= pairs || !inUse.get(index)) {
            throw new IllegalArgumentException("port " + rtpPort + " is not a reserved pair");
        }
        inUse.clear(index);
        free[freeCount++] = index;
    }

    public int totalPorts() {
        return 2 * pairs;
    }

    public synchronized int portsInUse() {
        return 2 * inUse.cardinality();
    }

    public int pairs() {
        return pairs;
    }
}
