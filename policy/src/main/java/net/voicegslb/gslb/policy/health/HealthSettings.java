package net.voicegslb.gslb.policy.health;

/**
 * Thresholds of the node health state machines; defaults in {@link #defaults()}.
 *
 * @param rise                    consecutive good heartbeats to come back up after a timeout or a
 *                                fatal self-report
 * @param fall                    kept for the four-argument form, where it is also the SIP fall;
 *                                heartbeats need no fall threshold because a timeout already spans
 *                                several missed beats
 * @param sipRise                 consecutive passing SIP OPTIONS checks before a failed SIP signal
 *                                passes again
 * @param sipFall                 consecutive failed SIP checks to go down; one lost probe must not
 *                                pull a node
 * @param heartbeatTimeoutMillis  no heartbeat for this long and the node is down
 * @param historyPerNode          transitions kept per node for explanations
 */
public record HealthSettings(int rise, int fall, int sipRise, int sipFall, long heartbeatTimeoutMillis,
                             int historyPerNode) {
    public HealthSettings {
        if (rise < 1 || fall < 1 || sipRise < 1 || sipFall < 1 || heartbeatTimeoutMillis <= 0 || historyPerNode < 1) {
            throw new IllegalArgumentException(
                    "rise, fall, sipRise, sipFall, heartbeatTimeoutMillis and historyPerNode must be positive");
        }
    }

    /** SIP checks use the heartbeat {@code rise} and this {@code fall}. */
    public HealthSettings(int rise, int fall, long heartbeatTimeoutMillis, int historyPerNode) {
        this(rise, fall, rise, fall, heartbeatTimeoutMillis, historyPerNode);
    }

    public static HealthSettings defaults() {
        return new HealthSettings(3, 2, 3, 2, 15_000, 32);
    }
}
