package net.voicegslb.gslb.policy.store;

import net.voicegslb.gslb.policy.model.ClientPrefix;

/**
 * What the store believes about the path from one site to a client, and where that belief came
 * from; the evidence an explanation shows.
 *
 * @param matchedLength    length of the stored prefix used (a prefix of the client key), or -1
 *                         for a site aggregate; kept as a length so the DNS path allocates no prefix
 * @param effectiveSamples sample weight after age decay
 * @param ageMillis        time since the last update
 */
public record PathEstimate(int matchedLength, double rttMillis, double jitterMillis, double lossRatio,
                           double effectiveSamples, long ageMillis) {

    /** The stored prefix used, given the client key it was looked up with; null for an aggregate. */
    public ClientPrefix matched(ClientPrefix clientKey) {
        return matchedLength < 0 ? null : clientKey.truncate(matchedLength);
    }
}
