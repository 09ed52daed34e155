package net.voicegslb.gslb.policy.rank;

/**
 * Current choice for one key, and the challenger that has been better by the margin since
 * {@code challengerSinceMillis} (null when none).
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
