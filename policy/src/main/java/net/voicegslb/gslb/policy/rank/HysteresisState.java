package net.voicegslb.gslb.policy.rank;

/**
 * Current choice for one key, and the challenger that has been better by the margin since
 * {@code challengerSinceMillis} (null when none).
 */
record HysteresisState(String current, String challenger, long challengerSinceMillis, long lastSeenMillis) {
    HysteresisState withChallenger(String id, long since, long now) {
        return new HysteresisState(current, id, since, now);
    }

    HysteresisState withLastSeen(long now) {
        return new HysteresisState(current, challenger, challengerSinceMillis, now);
    }

    HysteresisState settled(String id, long now) {
        return new HysteresisState(id, null, 0, now);
    }
}
