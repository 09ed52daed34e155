package net.voicegslb.gslb.policy.store;

import net.voicegslb.gslb.policy.model.ClientPrefix;

/**
 * What the store believes about the path from one site to a client, and where that belief came
 * from; the evidence an explanation shows.
 *
 * @param matched          the stored prefix used, or null for a site aggregate
 * @param effectiveSamples sample weight after age decay
 * @param ageMillis        time since the last update
 */
public record PathEstimate(ClientPrefix matched, double rttMillis, double jitterMillis, double lossRatio,
                           double effectiveSamples, long ageMillis) {
}
