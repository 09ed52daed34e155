package net.voicegslb.gslb.policy.rank;

import java.util.List;
import java.util.Locale;
import net.voicegslb.gslb.policy.model.RankingParameters;

/**
 * Keeps a key's current best site first until a challenger has beaten it by the margin for the
 * whole hold time. Scores jitter with every report; without this the answer would flap between
 * near-equal sites and calls would split between them for no gain.
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
        if (prev == null) {
            return new Decision(outcome(HysteresisOutcome.Kind.INITIAL, top.siteId(), null, 0, Long.MAX_VALUE,
                    "first decision for this client scope: " + top.siteId()), new HysteresisState(top.siteId(), null, 0, now));
        }
        int curIndex = indexOf(sorted, prev.current());
        if (curIndex < 0) {
            return new Decision(outcome(HysteresisOutcome.Kind.CURRENT_INELIGIBLE, top.siteId(), null, 0, Long.MAX_VALUE,
                    "previous site " + prev.current() + " is not answerable any more; switched to " + top.siteId()
                            + " at once"), prev.settled(top.siteId(), now));
        }
        if (curIndex == 0) {
            return new Decision(outcome(HysteresisOutcome.Kind.STEADY, top.siteId(), null, 0, Long.MAX_VALUE,
                    top.siteId() + " is still the best site"), prev.settled(top.siteId(), now));
        }
        RankedSite cur = sorted.get(curIndex);
        double lead = top.sortScore() - cur.sortScore();
        if (lead < p.hysteresisMarginMos()) {
            moveToFront(sorted, curIndex);
            return new Decision(outcome(HysteresisOutcome.Kind.HELD_WITHIN_MARGIN, cur.siteId(), null, 0, Long.MAX_VALUE,
                    String.format(Locale.ROOT, "%s leads %s by %.3f MOS, less than the %.3f margin: keeping %s",
                            top.siteId(), cur.siteId(), lead, p.hysteresisMarginMos(), cur.siteId())),
                    prev.settled(cur.siteId(), now));
        }
        long since = top.siteId().equals(prev.challenger()) ? prev.challengerSinceMillis() : now;
        long due = since + p.holdMillis();
        if (now >= due) {
            return new Decision(outcome(HysteresisOutcome.Kind.SWITCHED, top.siteId(), null, since, Long.MAX_VALUE,
                    String.format(Locale.ROOT, "%s led %s by >= %.3f MOS for %d ms (hold %d ms): switched",
                            top.siteId(), cur.siteId(), p.hysteresisMarginMos(), now - since, p.holdMillis())),
                    prev.settled(top.siteId(), now));
        }
        moveToFront(sorted, curIndex);
        return new Decision(outcome(HysteresisOutcome.Kind.CHALLENGER_PENDING, cur.siteId(), top.siteId(), since, due,
                String.format(Locale.ROOT, "%s leads %s by %.3f MOS since %d; switch due at %d if it holds",
                        top.siteId(), cur.siteId(), lead, since, due)),
                prev.withChallenger(top.siteId(), since, now));
    }

    static HysteresisOutcome notApplied(String why) {
        return outcome(HysteresisOutcome.Kind.NOT_APPLIED, null, null, 0, Long.MAX_VALUE, why);
    }

    private static HysteresisOutcome outcome(HysteresisOutcome.Kind kind, String current, String challenger, long since,
                                             long revisit, String note) {
        return new HysteresisOutcome(kind, current, challenger, since, revisit, note);
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
