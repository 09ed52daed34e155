package net.voicegslb.gslb.policy.explain;

import java.util.List;
import net.voicegslb.gslb.policy.model.FailOpenRule;
import net.voicegslb.gslb.policy.rank.HysteresisOutcome;

/**
 * Structured account of one ranking decision, for {@code gslb explain}, the dashboard and the REST
 * API. Answered sites come first in answer order, then the others.
 */
public record Explanation(String service, String tenant, String clientKey, int scopePrefixLength,
                          boolean dependsOnClient, long atMillis, long generation, String codec,
                          FailOpenRule failOpen, boolean drainedOnly, HysteresisOutcome hysteresis,
                          List<String> notes, List<SiteExplanation> sites) {
    public Explanation {
        notes = List.copyOf(notes);
        sites = List.copyOf(sites);
    }
}
