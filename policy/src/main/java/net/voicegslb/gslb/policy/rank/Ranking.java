package net.voicegslb.gslb.policy.rank;

import java.util.List;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.model.FailOpenRule;

/**
 * The answer to "which sites, in which order, for this client" with everything needed to encode a
 * DNS answer and to explain it.
 *
 * @param clientKey         the client address or ECS prefix cut to the aggregation length
 * @param scopePrefixLength ECS scope: the answer is valid for every client in clientKey cut to this
 *                          length; 0 when it does not depend on the client at all
 * @param answer            sites to answer with, best first (SRV priority order); empty only when
 *                          every site is administratively disabled
 * @param notAnswered       the other sites of the pool, with why they are out
 * @param failOpen          the rule applied because nothing was eligible, or null
 * @param drainedOnly       true when draining sites are answered because nothing else is up
 * @param notes             fallbacks taken, in plain words
 * @param generation        policy generation the decision was made at
 * @param validUntilMillis  the decision may change at this time without any new input (a
 *                          hysteresis hold expiring, a heartbeat timing out): cached answers must be
 *                          recomputed then even if the generation did not move
 */
public record Ranking(String service, String tenant, ClientPrefix clientKey, int scopePrefixLength,
                      List<RankedSite> answer, List<RankedSite> notAnswered, FailOpenRule failOpen,
                      boolean drainedOnly, HysteresisOutcome hysteresis, List<String> notes, long atMillis,
                      long generation, long validUntilMillis) {

    public Ranking {
        answer = List.copyOf(answer);
        notAnswered = List.copyOf(notAnswered);
        notes = List.copyOf(notes);
    }

    /** False when every client would get this same answer (ECS scope 0). */
    public boolean dependsOnClient() {
        return scopePrefixLength > 0;
    }

    /** The first site of the answer, or null when the answer is empty. */
    public RankedSite best() {
        return answer.isEmpty() ? null : answer.get(0);
    }

    public boolean failedOpen() {
        return failOpen != null;
    }
}
