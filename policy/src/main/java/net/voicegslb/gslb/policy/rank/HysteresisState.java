package net.voicegslb.gslb.policy.rank;

/**
 * Current choice for one key; while some site beats it by the margin, the latest such leader and
 * since when the current choice has been beaten without a break (challenger null when it is not).
 */
record HysteresisState(String current, String challenger, long challengerSinceMillis, long lastSeenMillis) {
    /** Refresh lastSeen at most this often, so a steady key costs no allocation or write per query. */
    static final long TOUCH_INTERVAL_MILLIS = 60_000;

    HysteresisState withChallenger(String id, long since, long now) {
        if (id.equals(challenger) && since == challengerSinceMillis && now - lastSeenMillis < TOUCH_INTERVAL_MILLIS) {
            return this;
        }
        return new HysteresisState(current, id, since, now);
    }

    HysteresisState settled(String id, long now) {
        if (id.equals(current) && challenger == null && now - lastSeenMillis < TOUCH_INTERVAL_MILLIS) {
            return this;
        }
        return new HysteresisState(id, null, 0, now);
    }
}
