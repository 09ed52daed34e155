package net.voicegslb.gslb.dns.gslb;

/**
 * Every dynamic answer computed for one client key, by slot. Slots are filled lazily; a racing
 * fill by two event loops writes equal answers, and {@link ClientAnswer} is immutable, so plain
 * array writes are safe to publish.
 */
final class ClientVariant {

    final long k1;
    final long k2;
    final ClientAnswer[] slots;
    /** Set on the first hit after a refresh: the refresher keeps keys that are still asked for. */
    boolean hit;
    /** When this key was last seen asked for, carried from refresh to refresh. */
    final long lastHitMillis;

    ClientVariant(long k1, long k2, int slotCount, long lastHitMillis) {
        this.k1 = k1;
        this.k2 = k2;
        this.slots = new ClientAnswer[slotCount];
        this.lastHitMillis = lastHitMillis;
    }
}
