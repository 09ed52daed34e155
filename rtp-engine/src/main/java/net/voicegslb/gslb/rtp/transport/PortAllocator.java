package net.voicegslb.gslb.rtp.transport;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.OptionalInt;

/**
 * Hands out RTP/RTCP port pairs (even RTP port, RTCP = RTP + 1) from a range. Freed pairs go to
 * the back of the queue, so a port is reused as late as possible and stray packets of an ended
 * call are unlikely to land in a new one. Control-plane only, hence simply synchronized.
 */
public final class PortAllocator {

    private final int firstPort;
    private final int pairs;
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private final BitSet inUse;

    public PortAllocator(int portMin, int portMax) {
        this.firstPort = portMin + (portMin & 1);
        this.pairs = Math.max(0, (portMax - firstPort + 1) / 2);
        this.inUse = new BitSet(pairs);
        for (int i = 0; i < pairs; i++) {
            free.add(i);
        }
    }

    /** The RTP port of a free pair, or empty when the range is exhausted. */
    public synchronized OptionalInt reserve() {
        Integer index = free.poll();
        if (index == null) {
            return OptionalInt.empty();
        }
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
        free.add(index);
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
