package net.voicegslb.gslb.policy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import net.voicegslb.gslb.policy.model.AdminState;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.model.RankingParameters;
import net.voicegslb.gslb.policy.support.Fixtures;
import net.voicegslb.gslb.policy.support.Lab;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Run-time drain, undrain, disable and enable of a site, and the preview of each, through the engine. */
class SiteAdminTest {

    private static final long T = 10_000;
    private static final long MINUTE = 60_000;
    private static final long HOLD = 10_000;
    /** Near fra, far from nyc. */
    private static final String A = "10.1.0.0/24";
    /** Near nyc, far from fra. */
    private static final String B = "10.2.0.0/24";

    private Lab lab;

    @BeforeEach
    void world() {
        lab = new Lab(Fixtures.world(RankingParameters.defaults().withHysteresis(0.1, HOLD), "fra", "nyc"));
        alive(T);
        assertThat(first(A, T)).isEqualTo("fra");
        assertThat(first(B, T)).isEqualTo("nyc");
    }

    /** Every node up by {@code t} (three good heartbeats just before it) and fresh measurements. */
    private void alive(long t) {
        lab.allUp(t - 2500);
        measure(t - 500);
    }

    private void measure(long t) {
        // 3 % loss on the far path: a lead well beyond the 0.1 MOS margin
        lab.measure("fra", A, 20, 1, 0, 200, t);
        lab.measure("nyc", A, 90, 1, 0.03, 200, t);
        lab.measure("fra", B, 95, 1, 0.03, 200, t);
        lab.measure("nyc", B, 15, 1, 0, 200, t);
    }

    private String first(String client, long t) {
        return lab.rank(client, t).best().siteId();
    }

    private static List<WeightedClient> clients() {
        return List.of(new WeightedClient(ClientPrefix.parse(A), 30), new WeightedClient(ClientPrefix.parse(B), 70));
    }

    @Test
    void aDrainMovesItsClientsAtOnceAndEndsByItself() {
        AdminChange c = lab.engine.changeSiteAdmin(AdminRequest.drain("fra", T + MINUTE, "alice", "kernel update",
                false), T);
        assertThat(c).isEqualTo(new AdminChange("fra", AdminState.ACTIVE, AdminState.DRAIN, "alice", "kernel update",
                T, T + MINUTE, false));
        assertThat(first(A, T + 1)).isEqualTo("nyc");
        assertThat(lab.engine.adminOverrides()).containsOnlyKeys("fra");

        assertThat(lab.engine.expireAdminStates(T + MINUTE - 1)).isEmpty();
        alive(T + MINUTE);
        List<AdminChange> ended = lab.engine.expireAdminStates(T + MINUTE);
        assertThat(ended).singleElement().satisfies(e -> {
            assertThat(e.from()).isEqualTo(AdminState.DRAIN);
            assertThat(e.to()).isEqualTo(AdminState.ACTIVE);
            assertThat(e.by()).isEqualTo("drain ended");
            assertThat(e.reason()).contains("set by alice");
        });
        assertThat(lab.engine.adminOverrides()).isEmpty();
        // A is back on fra at once: while nyc alone answered, every client shared one answer (ECS
        // scope 0), and A's own /24 still remembers fra as its site
        assertThat(first(A, T + MINUTE)).isEqualTo("fra");
        assertThat(first(B, T + MINUTE)).isEqualTo("nyc");
    }

    @Test
    void thePreviewSaysWhatWouldMoveAndChangesNothing() {
        long generation = lab.engine.generation();
        AdminPreview p = lab.engine.previewSiteAdmin(AdminRequest.drain("fra", T + MINUTE, "alice", "", false),
                clients(), true, T);
        assertThat(p.refusal()).isNull();
        assertThat(p.from()).isEqualTo(AdminState.ACTIVE);
        assertThat(p.services()).singleElement().satisfies(s -> {
            assertThat(s.clients()).isEqualTo(2);
            assertThat(s.weight()).isEqualTo(100);
            assertThat(s.moves()).containsExactly(new AdminPreview.Move("fra", "nyc", 1, 30, false));
        });
        assertThat(p.summary()).isEqualTo("1 client network, about 30 % of recent queries, go from fra to nyc;"
                + " nyc would be at 12 % capacity"); // 0.1 load now, plus fra's 20 calls on 1000
        assertThat(lab.engine.generation()).isEqualTo(generation);
        assertThat(lab.engine.adminOverrides()).isEmpty();
        assertThat(first(A, T + 1)).isEqualTo("fra");
    }

    @Test
    void theProjectedLoadFollowsTheShareOfQueriesThatMoves() {
        lab.heartbeatSite("fra", T - 400, 300, 0.1); // 600 calls on 1000: utilization 0.6
        lab.heartbeatSite("nyc", T - 400, 100, 0.1); // 200 calls: 0.2
        AdminPreview p = lab.engine.previewSiteAdmin(AdminRequest.of("fra", AdminAction.DISABLE, "bob", "", false),
                clients(), true, T);
        // fra answers only A, so all of its calls go: nyc 0.2 + 600 / 1000
        assertThat(p.services().get(0).load()).containsExactly(new AdminPreview.SiteLoad("fra", 0.6, 0.0),
                new AdminPreview.SiteLoad("nyc", 0.2, 0.8));
        assertThat(p.summary()).endsWith("nyc would be at 80 % capacity");
    }

    @Test
    void takingOutTheLastActiveServingSiteNeedsForce() {
        lab.engine.changeSiteAdmin(AdminRequest.of("nyc", AdminAction.DISABLE, "bob", "", false), T);
        AdminRequest drainFra = AdminRequest.drain("fra", T + MINUTE, "bob", "", false);
        assertThat(lab.engine.previewSiteAdmin(drainFra, clients(), true, T).refusal())
                .isEqualTo("fra is the last active site serving " + Fixtures.SERVICE);
        assertThatThrownBy(() -> lab.engine.changeSiteAdmin(drainFra, T)).isInstanceOf(AdminRefusedException.class)
                .hasMessage("fra is the last active site serving " + Fixtures.SERVICE
                        + "; repeat with force to do it anyway")
                .satisfies(e -> assertThat(((AdminRefusedException) e).forceable()).isTrue());
        assertThat(lab.engine.adminOverrides()).containsOnlyKeys("nyc");

        AdminChange forced = lab.engine.changeSiteAdmin(AdminRequest.drain("fra", T + MINUTE, "bob", "", true), T);
        assertThat(forced.forced()).isTrue();
        // drained and alone: still answered, as the ranking's "no active site is up" rule says
        assertThat(first(A, T + 1)).isEqualTo("fra");
    }

    @Test
    void aDownSiteIsNotCountedAsServing() {
        // nyc's nodes stop reporting; once down, fra is the last serving site even though nyc is active
        long later = T + Duration.ofSeconds(30).toMillis();
        for (long t = later - 2500; t < later; t += 1000) {
            lab.heartbeatSite("fra", t, 10, 0.1);
        }
        lab.engine.tick(later);
        assertThatThrownBy(() -> lab.engine.changeSiteAdmin(AdminRequest.of("fra", AdminAction.DISABLE, "x", "", false),
                later)).hasMessageStartingWith("fra is the last active site serving");
    }

    @Test
    void enablingASiteBackToItsConfiguredStateForgetsTheOverride() {
        lab.engine.changeSiteAdmin(AdminRequest.of("fra", AdminAction.DISABLE, "bob", "", false), T);
        assertThat(first(A, T + 1)).isEqualTo("nyc");
        AdminChange c = lab.engine.changeSiteAdmin(AdminRequest.of("fra", AdminAction.ENABLE, "bob", "", false), T + 2);
        assertThat(c.from()).isEqualTo(AdminState.DISABLED);
        assertThat(c.to()).isEqualTo(AdminState.ACTIVE);
        assertThat(lab.engine.adminOverrides()).isEmpty();
        assertThat(first(A, T + 3)).isEqualTo("fra");
    }

    @Test
    void aSiteComingBackWhereOthersKeptAnsweringMovesClientsOnlyAfterTheHold() {
        lab = new Lab(Fixtures.world(RankingParameters.defaults().withHysteresis(0.1, HOLD), "fra", "nyc", "sin"));
        alive(T);
        lab.measure("sin", A, 150, 1, 0.05, 200, T - 500);
        assertThat(first(A, T)).isEqualTo("fra");
        lab.engine.changeSiteAdmin(AdminRequest.of("fra", AdminAction.DISABLE, "bob", "", false), T);
        assertThat(first(A, T + 1)).isEqualTo("nyc"); // nyc and sin still answer: A keeps its own /24 decision

        AdminPreview back = lab.engine.previewSiteAdmin(AdminRequest.of("fra", AdminAction.ENABLE, "bob", "", false),
                clients(), true, T + 2);
        assertThat(back.services().get(0).moves()).containsExactly(new AdminPreview.Move("nyc", "fra", 1, 30, true));
        assertThat(back.summary()).startsWith("1 client network, about 30 % of recent queries, would go after the"
                + " hysteresis hold from nyc to fra");
    }

    @Test
    void requestsThatCanNeverBeDoneAreRefusedWithTheReason() {
        assertThatThrownBy(() -> lab.engine.changeSiteAdmin(new AdminRequest("fra", AdminAction.DRAIN,
                SiteAdminOverride.NO_END, "x", "", false), T)).hasMessage("a drain needs an end time (until)");
        assertThatThrownBy(() -> lab.engine.changeSiteAdmin(AdminRequest.drain("fra", T, "x", "", false), T))
                .hasMessage("the drain's end time is not in the future");
        assertThatThrownBy(() -> lab.engine.changeSiteAdmin(AdminRequest.drain("fra",
                T + Duration.ofDays(31).toMillis(), "x", "", false), T))
                .hasMessage("a drain may last at most 30 days; disable the site for longer");
        assertThatThrownBy(() -> lab.engine.changeSiteAdmin(new AdminRequest("fra", AdminAction.DISABLE,
                T + MINUTE, "x", "", false), T)).hasMessage("only a drain takes an end time; disable does not");
        assertThatThrownBy(() -> lab.engine.previewSiteAdmin(AdminRequest.of("ams", AdminAction.DISABLE, "x", "",
                false), clients(), true, T)).hasMessage("no site ams (sites: fra, nyc)");
        assertThat(lab.engine.adminOverrides()).isEmpty();
    }

    @Test
    void aReloadKeepsTheOverridesOfSitesThatRemain() {
        lab.engine.changeSiteAdmin(AdminRequest.of("fra", AdminAction.DISABLE, "bob", "", false), T);
        lab.engine.changeSiteAdmin(AdminRequest.drain("nyc", T + MINUTE, "bob", "", true), T);
        lab.engine.reconfigure(Fixtures.world(RankingParameters.defaults(), "fra", "sin"),
                net.voicegslb.gslb.policy.store.TopologyMap.empty(), T + 1);
        assertThat(lab.engine.adminOverrides()).containsOnlyKeys("fra");
        assertThat(lab.engine.inventory().siteOrNull("fra").adminState()).isEqualTo(AdminState.DISABLED);
    }

    /** Looking at decisions (explain, the dashboard) must not move them: peek reads the hold, never starts it. */
    @Test
    void peekingDoesNotStartTheHoldThatRankingWould() {
        long t1 = T + 1_000;
        lab.measure("fra", A, 95, 1, 0.03, 200, t1); // nyc now leads for A by well over the margin
        lab.measure("nyc", A, 20, 1, 0, 200, t1);
        ClientPrefix a = ClientPrefix.parse(A);
        assertThat(lab.engine.peek(net.voicegslb.gslb.policy.support.Fixtures.SERVICE, a, null, t1).best().siteId())
                .isEqualTo("fra");
        long later = t1 + HOLD + 1_000;
        lab.allUp(later - 2500);
        assertThat(lab.engine.peek(net.voicegslb.gslb.policy.support.Fixtures.SERVICE, a, null, later).best().siteId())
                .as("peeked, never recorded: still within a hold that has not started").isEqualTo("fra");
        // the first recorded ranking starts the hold now; had a peek recorded at t1, this would switch
        assertThat(first(A, later)).isEqualTo("fra");
        assertThat(first(A, later + HOLD + 1)).isEqualTo("nyc");
    }
}
