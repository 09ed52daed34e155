package net.voicegslb.gslb.policy.explain;

import java.util.Locale;
import net.voicegslb.gslb.policy.health.TransportHealth;

/** Plain-text rendering of an {@link Explanation} for terminals and logs; times as {@link HumanTime}. */
public final class ExplanationText {
    private ExplanationText() {
    }

    public static String render(Explanation e) {
        StringBuilder b = new StringBuilder(1024);
        long now = e.atMillis();
        line(b, "%s for client %s%s at %s (policy generation %d)", e.service(), e.clientKey(),
                e.tenant() == null ? "" : " tenant " + e.tenant(), HumanTime.instant(now, now), e.generation());
        line(b, "ECS scope /%d: %s", e.scopePrefixLength(),
                e.dependsOnClient() ? "answer depends on the client's prefix" : "same answer for every client");
        line(b, "codec %s", e.codec());
        if (e.failOpen() != null) {
            line(b, "FAIL-OPEN (%s): no site is eligible", e.failOpen());
        }
        if (e.drainedOnly()) {
            line(b, "only draining sites are answered");
        }
        if (e.hysteresis() != null) {
            line(b, "hysteresis %s: %s", e.hysteresis().kind(), e.hysteresis().describe(now));
        }
        for (String n : e.notes()) {
            line(b, "note: %s", n);
        }
        for (SiteExplanation s : e.sites()) {
            b.append('\n');
            line(b, "%s %s (region %s, admin %s, health %s, utilization %.0f%% of %.0f calls): %s",
                    s.position() > 0 ? "#" + s.position() : "--", s.siteId(), s.region(), s.adminState(), s.health(),
                    100 * s.utilization(), s.healthyCapacityCalls(), s.eligibility());
            for (NodeLine n : s.nodes()) {
                line(b, "    node %s %s since %s: %s", n.nodeId(), n.state(), HumanTime.instant(n.sinceMillis(), now),
                        n.reason());
                for (TransportHealth t : n.transports()) {
                    line(b, "      sip %s %s since %s, last check %s: %s", t.transport().name().toLowerCase(Locale.ROOT),
                            t.passing() ? "up" : "down", HumanTime.instant(t.sinceMillis(), now),
                            HumanTime.instant(t.lastCheckMillis(), now), t.detail());
                }
            }
            if (s.quality() != null) {
                line(b, "    evidence %s%s: rtt %.1f ms, jitter %.1f ms, loss %.2f%%, %.1f samples, age %s",
                        s.evidence(), s.matchedPrefix() == null ? "" : " " + s.matchedPrefix(), s.rttMillis(),
                        s.jitterMillis(), 100 * s.lossRatio(), s.effectiveSamples(), HumanTime.duration(s.ageMillis()));
                line(b, "    E-model: T %.1f ms, Id %.2f, Ie,eff %.2f, R %.1f, MOS %.2f", s.quality().oneWayDelayMillis(),
                        s.quality().delayImpairment(), s.quality().equipmentImpairment(), s.quality().rFactor(),
                        s.quality().mos());
            } else {
                line(b, "    evidence %s: nominal MOS %.2f", s.evidence(), s.predictedMos());
            }
            line(b, "    score %.3f = MOS %.3f - evidence %.3f - capacity %.3f - degraded %.3f%s", s.score(),
                    s.predictedMos(), s.evidencePenalty(), s.capacityPenalty(), s.degradedPenalty(),
                    s.homeBonus() > 0 ? String.format(Locale.ROOT, " (+%.3f tenant home bonus)", s.homeBonus()) : "");
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String format, Object... args) {
        b.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
