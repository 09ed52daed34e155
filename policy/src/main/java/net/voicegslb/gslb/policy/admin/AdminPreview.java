package net.voicegslb.gslb.policy.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.voicegslb.gslb.policy.model.AdminState;

/**
 * What an administrative change would do, computed by the policy engine on a copy before anything
 * is changed: per service, which client networks would go from which site to which, their share
 * of the recent queries, and the load the receiving sites would then carry.
 *
 * @param refusal   why the change would be refused without force, or null
 * @param byQueries the clients' weights are their recent queries; else each client network counts once
 */
public record AdminPreview(AdminRequest request, AdminState from, String refusal, List<ServiceMoves> services,
                           boolean byQueries) {

    public AdminPreview {
        services = List.copyOf(services);
    }

    /**
     * One service's moves.
     *
     * @param clients client networks considered
     * @param weight  their total weight (recent queries)
     */
    public record ServiceMoves(String service, int clients, long weight, List<Move> moves, List<SiteLoad> load) {
        public ServiceMoves {
            moves = List.copyOf(moves);
            load = List.copyOf(load);
        }
    }

    /**
     * Client networks answered with {@code fromSite} now and with {@code toSite} after the change
     * ({@code toSite} null: nothing would be answered).
     *
     * @param afterHold the move waits for the hysteresis hold (a site coming back must prove itself)
     */
    public record Move(String fromSite, String toSite, int clients, long weight, boolean afterHold) {
    }

    /** A site's utilization now and as projected after the moves; NaN when the site reports no capacity. */
    public record SiteLoad(String siteId, double utilizationNow, double utilizationAfter) {
    }

    /** True when no client network would change site. */
    public boolean movesNothing() {
        return services.stream().allMatch(s -> s.moves().isEmpty());
    }

    /**
     * The preview in one or two sentences per service, e.g. "312 client networks, about 41 % of
     * recent queries, go from nyc to fra; fra would be at 78 % capacity".
     */
    public String summary() {
        List<String> parts = new ArrayList<>();
        if (refusal != null) {
            parts.add("refused without force: " + refusal);
        }
        for (ServiceMoves s : services) {
            String prefix = services.size() > 1 ? s.service() + ": " : "";
            if (s.clients() == 0) {
                parts.add(prefix + "no client networks seen recently, so nothing to move");
                continue;
            }
            if (s.moves().isEmpty()) {
                parts.add(prefix + "none of the " + s.clients() + " client networks seen recently changes site");
                continue;
            }
            for (Move m : s.moves()) {
                double share = s.weight() == 0 ? 0 : 100.0 * m.weight() / s.weight();
                String to = m.toSite() == null ? "nowhere (no site left to answer)" : m.toSite();
                StringBuilder b = new StringBuilder(prefix).append(m.clients())
                        .append(m.clients() == 1 ? " client network" : " client networks")
                        .append(String.format(Locale.ROOT, byQueries ? ", about %.0f %% of recent queries, "
                                : ", %.0f %% of the client networks measured, ", share))
                        .append(m.afterHold() ? "would go after the hysteresis hold" : "go")
                        .append(" from ").append(m.fromSite()).append(" to ").append(to);
                s.load().stream().filter(l -> l.siteId().equals(m.toSite()) && !Double.isNaN(l.utilizationAfter()))
                        .findFirst().ifPresent(l -> b.append(String.format(Locale.ROOT,
                                "; %s would be at %.0f %% capacity", l.siteId(), 100 * l.utilizationAfter())));
                parts.add(b.toString());
            }
        }
        return String.join("\n", parts);
    }
}
