package net.voicegslb.gslb.policy.health;

/** A node changed state: the event that the audit log and the dashboard show. */
public record HealthTransition(String nodeId, String siteId, HealthState from, HealthState to, String reason,
                               long atMillis) {
    @Override
    public String toString() {
        return "node " + nodeId + " (" + siteId + ") " + from + " -> " + to + " at " + atMillis + ": " + reason;
    }
}
