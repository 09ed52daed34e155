package net.voicegslb.gslb.policy.rank;

import java.util.List;
import net.voicegslb.gslb.policy.model.RankingParameters;

/**
 * Keeps a key's current best site first until it has been beaten by the margin for the whole hold
 * time, then answers the best site of that moment. Scores jitter with every report; without this
 * the answer would flap between near-equal sites and calls would split between them for no gain.
 * The hold runs while <em>any</em> site leads the current one by the margin: when two alternatives
 * trade first place by noise, neither would ever hold the lead alone, and a site that lost a tenth
 * of its packets would keep its callers for good.
 */
final class Hysteresis {
    private Hysteresis() {
    }

    record Decision(HysteresisOutcome outcome, HysteresisState next) {
    }

    /**
     * Reorders {@code sorted} (best first, mutable) in place so that the kept site is first, and
     * returns what happened plus the state to store.
     */
    static Decision apply(List<RankedSite> sorted, HysteresisState prev, RankingParameters p, long now) {
        RankedSite top = sorted.get(0);
        double margin = p.hysteresisMarginMos();
        long hold = p.holdMillis();
        if (prev == null) {
            return new Decision(new HysteresisOutcome(HysteresisOutcome.Kind.INITIAL, top.siteId(), null, 0,
                    Long.MAX_VALUE, 0, margin, hold), new HysteresisState(top.siteId(), null, 0, now));
        }
        int curIndex = indexOf(sorted, prev.current());
        if (curIndex < 0) {
            return new Decision(new HysteresisOutcome(HysteresisOutcome.Kind.CURRENT_INELIGIBLE, top.siteId(),
                    prev.current(), 0, Long.MAX_VALUE, 0, margin, hold), prev.settled(top.siteId(), now));
        }
        if (curIndex == 0) {
            return new Decision(new HysteresisOutcome(HysteresisOutcome.Kind.STEADY, top.siteId(), null, 0,
                    Long.MAX_VALUE, 0, margin, hold), prev.settled(top.siteId(), now));
        }
        RankedSite cur = sorted.get(curIndex);
        double lead = top.sortScore() - cur.sortScore();
        if (lead < margin) {
            moveToFront(sorted, curIndex);
            return new Decision(new HysteresisOutcome(HysteresisOutcome.Kind.HELD_WITHIN_MARGIN, cur.siteId(),
                    top.siteId(), 0, Long.MAX_VALUE, lead, margin, hold), prev.settled(cur.siteId(), now));
        }
        long since = prev.challenger() != null ? prev.challengerSinceMillis() : now;
        long due = since + hold;
        if (now >= due) {
            return new Decision(new HysteresisOutcome(HysteresisOutcome.Kind.SWITCHED, top.siteId(), cur.siteId(),
                    since, Long.MAX_VALUE, lead, margin, hold), prev.settled(top.siteId(), now));
        }
        moveToFront(sorted, curIndex);
        return new Decision(new HysteresisOutcome(HysteresisOutcome.Kind.CHALLENGER_PENDING, cur.siteId(),
                top.siteId(), since, due, lead, margin, hold), prev.withChallenger(top.siteId(), since, now));
    }

    static HysteresisOutcome notApplied(RankingParameters p) {
        return new HysteresisOutcome(HysteresisOutcome.Kind.NOT_APPLIED, null, null, 0, Long.MAX_VALUE, 0,
                p.hysteresisMarginMos(), p.holdMillis());
    }

    private static int indexOf(List<RankedSite> sites, String id) {
        for (int i = 0; i < sites.size(); i++) {
            if (sites.get(i).siteId().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static void moveToFront(List<RankedSite> sites, int index) {
        RankedSite s = sites.remove(index);
        sites.add(0, s);
    }
}
