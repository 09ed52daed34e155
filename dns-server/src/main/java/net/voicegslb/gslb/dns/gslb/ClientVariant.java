package net.voicegslb.gslb.dns.gslb;

/**
 * Every dynamic answer computed for one decision prefix, by slot. Slots are filled lazily; a racing
 * fill by two event loops writes equal answers, and {@link ClientAnswer} is immutable, so plain
 * array writes are safe to publish.
 */
final class ClientVariant {

    /** The decision key (see {@link GslbAnswers}): family, length, exactness and prefix bits. */
    final long k1;
    final long k2;
    /**
     * The client key the answers are ranked for: the first client that asked. Every client mapped to
     * this decision prefix is ranked on the same evidence, and one fixed key keeps one hysteresis
     * state for all of them.
     */
    final long repK1;
    final long repK2;
    final ClientAnswer[] slots;
    /** Set by event loops on a hit; the refresher folds it into {@link #lastHitMillis} and clears it. */
    boolean hit;
    /** When this entry was last seen asked for; refresher thread only. */
    long lastHitMillis;

    ClientVariant(long k1, long k2, long repK1, long repK2, int slotCount, long lastHitMillis) {
        this.k1 = k1;
        this.k2 = k2;
        this.repK1 = repK1;
        this.repK2 = repK2;
        this.slots = new ClientAnswer[slotCount];
        this.lastHitMillis = lastHitMillis;
    }

    /** Decision prefix length. */
    int length() {
        return (int) (k1 & 0xFF);
    }
}
