package net.voicegslb.gslb.policy.health;

/**
 * Thresholds of the node health state machines; defaults in {@link #defaults()}.
 *
 * @param rise                    consecutive good heartbeats (and SIP checks) to come back up
 * @param fall                    consecutive failed SIP checks to go down; one lost probe must not
 *                                pull a node
 * @param heartbeatTimeoutMillis  no heartbeat for this long and the node is down
 * @param historyPerNode          transitions kept per node for explanations
 */
public record HealthSettings(int rise, int fall, long heartbeatTimeoutMillis, int historyPerNode) {
    public HealthSettings {
        if (rise < 1 || fall < 1 || heartbeatTimeoutMillis <= 0 || historyPerNode < 1) {
            throw new IllegalArgumentException("rise, fall, heartbeatTimeoutMillis and historyPerNode must be positive");
        }
    }

    public static HealthSettings defaults() {
        return new HealthSettings(3, 2, 15_000, 32);
    }
}
