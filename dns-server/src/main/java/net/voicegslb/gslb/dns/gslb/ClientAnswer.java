package net.voicegslb.gslb.dns.gslb;

import net.voicegslb.gslb.dns.answer.PreparedAnswer;
import net.voicegslb.gslb.policy.rank.Ranking;

/**
 * A dynamic answer for one client key and one (name, type), ready to send.
 *
 * @param rotations       equivalent encodings with the best site's nodes in different orders, so
 *                        that equal nodes share the load; the query path picks one at random
 * @param scope           ECS scope prefix length to send (RFC 7871 7.2.1)
 * @param validUntilMillis recompute after this even if nothing was reported (hold expiry, timeouts)
 * @param ttl             TTL written in the records
 * @param ranking         the decision, kept for explain and tests
 */
public record ClientAnswer(PreparedAnswer[] rotations, int scope, long validUntilMillis, long ttl, Ranking ranking) {

    public PreparedAnswer pick(int random) {
        return rotations.length == 1 ? rotations[0] : rotations[Math.floorMod(random, rotations.length)];
    }
}
