package net.voicegslb.gslb.policy.explain;

import net.voicegslb.gslb.policy.health.HealthState;

/** One node's health in an explanation. */
public record NodeLine(String nodeId, HealthState state, String reason, long sinceMillis) {
}
