package net.voicegslb.gslb.dns.gslb;

import net.voicegslb.gslb.dns.answer.PreparedAnswer;
import net.voicegslb.gslb.policy.rank.Ranking;

/**
 * A dynamic answer for one client key and one (name, type), ready to send.
 *
 * @param rotations       equivalent encodings with the best site's nodes in different orders, so
 *                        that equal nodes share the load; the query path picks one at random
 * @param scope           ECS scope (RFC 7871 7.2.1): 0 when the answer is the same for every client;
 *                        otherwise the query path sends the client key's own length, because the
 *                        answer is shared by a decision prefix but other clients inside it may be
 *                        measured and answered differently
 * @param validUntilMillis recompute after this even if nothing was reported (hold expiry, timeouts)
 * @param ttl             TTL written in the records
 * @param ranking         the decision, kept for explain and tests
 */
public record ClientAnswer(PreparedAnswer[] rotations, int scope, long validUntilMillis, long ttl, Ranking ranking) {

    /** A scope meaning "only this client's prefix", for answers that must not be shared at all. */
    public static final int CLIENT_SCOPE = 255;

    public PreparedAnswer pick(int random) {
        return rotations.length == 1 ? rotations[0] : rotations[Math.floorMod(random, rotations.length)];
    }
}
