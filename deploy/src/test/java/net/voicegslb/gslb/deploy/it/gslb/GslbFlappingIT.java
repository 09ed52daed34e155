package net.voicegslb.gslb.deploy.it.gslb;

import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.CLIENT_A;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.CLIENT_B;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.CLIENT_C;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.FRA_1;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.NYC_1;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.SIN_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hold time and flapping end to end, with the product's own ranking parameters (hysteresis margin
 * 0.1 MOS, hold 10 s; the other lab ITs shrink both so that plain delays move the answer quickly)
 * and noisy paths: every probe's round trip varies by up to ±15 ms. Two sites about equally good
 * for a client network must not take turns in its answers, although the server's raw measured order
 * between them keeps changing; a site that becomes clearly better takes over exactly once, no
 * earlier than the hold after its lead began, and keeps it. Counts and timings are printed
 * ("GSLB: ...") for the closing note. The paths' seed is printed; rerun with
 * {@code -Dgslb.lab.seed=N} for the same noise.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GslbFlappingIT {

    /** The product's defaults (RankingParameters.defaults()), not the lab's. */
    private static final double MARGIN_MOS = 0.1;
    private static final Duration HOLD = Duration.ofSeconds(10);
    private static final long SEED = Long.getLong("gslb.lab.seed", ThreadLocalRandom.current().nextLong(1, 1L << 40));

    @RegisterExtension
    static final GslbLabExtension LAB = new GslbLabExtension(
            GslbLab.Options.full(HOLD).withRanking(MARGIN_MOS, HOLD).withPathSeed(SEED));

    /** Per-packet noise on every path: a probe's round trip is within rtt ± this. */
    private static final int NOISE_MS = 15;
    /**
     * Round trips during the noisy watch: clientA has fra and nyc 4 ms apart (0.001 MOS by the
     * E-model), clientB the same pair the other way round, clientC sin well ahead. 20 ms leaves room
     * for the noise without clamping a delay at zero.
     */
    private static final Map<ClientNetwork, Map<String, Integer>> NOISY_RTT_MS = Map.of(
            CLIENT_A, Map.of("fra", 20, "nyc", 24, "sin", 150),
            CLIENT_B, Map.of("fra", 24, "nyc", 20, "sin", 150),
            CLIENT_C, Map.of("fra", 150, "nyc", 160, "sin", 20));
    /** How long the noisy pair is watched; the whole class must stay within about 3 minutes. */
    private static final Duration NOISY_WATCH = Duration.ofSeconds(90);
    /** One round asks every client network once (explain, then dig); rounds start this far apart. */
    private static final long ROUND_MILLIS = 300;
    /** After the takeover, the answer is watched for this long and must not move again. */
    private static final Duration STAY = HOLD.multipliedBy(2);
    private static final Duration CONVERGE = Duration.ofSeconds(30);

    @Test
    @Order(1)
    void noisyButEqualSitesDoNotTakeTurnsInTheAnswers() {
        GslbLab lab = LAB.lab();
        LabDns dns = LAB.dns();
        AdminApi api = LAB.api();
        Map<ClientNetwork, String> expected = Map.of(CLIENT_A, FRA_1.address(), CLIENT_B, NYC_1.address(),
                CLIENT_C, SIN_1.address());
        expected.forEach((client, address) -> dns.awaitA(client, List.of(address), CONVERGE, api));
        NOISY_RTT_MS.forEach((client, rtts) -> rtts.forEach((site, rtt) ->
                lab.paths().setPath(site, client, rtt, NOISE_MS)));
        System.out.printf("GSLB: flapping watch with margin %.2f MOS, hold %d s, every path ±%d ms per probe (seed %d,"
                + " -Dgslb.lab.seed=%d to repeat)%n", MARGIN_MOS, HOLD.toSeconds(), NOISE_MS, SEED, SEED);

        long start = System.currentTimeMillis();
        Map<ClientNetwork, AnswerSwitches> watch = new LinkedHashMap<>();
        LabPlan.NETWORKS.forEach(n -> watch.put(n, new AnswerSwitches(n, start)));
        long deadline = start + NOISY_WATCH.toMillis();
        long next = start;
        while (System.currentTimeMillis() < deadline) {
            for (AnswerSwitches w : watch.values()) {
                w.explained(api.explain(w.client().prefix(), LabPlan.SERVICE, "A"));
                w.answer(dns.a(w.client()), System.currentTimeMillis());
            }
            next += ROUND_MILLIS;
            LabDns.sleep(Math.max(0, next - System.currentTimeMillis()));
        }
        long watched = System.currentTimeMillis() - start;
        watch.values().forEach(w -> System.out.printf("GSLB: noisy %.0f s, %s%n", watched / 1e3, w.summary()));

        for (AnswerSwitches w : watch.values()) {
            assertThat(w.unscoped()).as("answers not decided for the /24 (fail-open) in %s", w.summary()).isZero();
            assertThat(w.polls()).as("polls of %s in %d ms (one every ~%d ms planned)", w.client(), watched,
                    ROUND_MILLIS).isGreaterThanOrEqualTo((int) (NOISY_WATCH.toMillis() / ROUND_MILLIS / 3));
            assertThat(w.switchCount()).as("%s: the answer moved between near-equal sites (margin %.2f MOS, hold %d"
                    + " s)\n%s", w.client(), MARGIN_MOS, HOLD.toSeconds(), lab.paths().describe()).isZero();
            assertThat(w.answer()).as(w.summary()).containsExactly(expected.get(w.client()));
        }
        // Without this the watch could pass on paths too quiet to matter: the raw order must have moved.
        for (ClientNetwork close : List.of(CLIENT_A, CLIENT_B)) {
            assertThat(watch.get(close).rawLeaderChanges()).as("the noise never changed the raw measured order for"
                    + " %s: nothing was shown\n%s", close, lab.paths().describe()).isPositive();
        }
    }

    @Test
    @Order(2)
    void aClearlyBetterSiteTakesOverOnceAfterTheHoldAndKeepsIt() {
        GslbLab lab = LAB.lab();
        LabDns dns = LAB.dns();
        AdminApi api = LAB.api();
        lab.paths().setPath("fra", CLIENT_A, 20, NOISE_MS);
        lab.paths().setPath("nyc", CLIENT_A, 24, NOISE_MS);
        dns.awaitA(CLIENT_A, List.of(FRA_1.address()), CONVERGE, api);

        // fra's round trip past the E-model's knee: about 0.3 MOS below nyc, three times the margin
        long swappedAt = System.currentTimeMillis();
        lab.paths().setPath("fra", CLIENT_A, 400, NOISE_MS);
        lab.paths().setPath("nyc", CLIENT_A, 20, NOISE_MS);

        AnswerSwitches w = new AnswerSwitches(CLIENT_A, swappedAt);
        Long pendingSince = null;
        long lastFraStart = -1;
        long flippedBy = -1;
        long deadline = swappedAt + CONVERGE.toMillis() + HOLD.toMillis();
        long stayUntil = Long.MAX_VALUE;
        long next = swappedAt;
        while (System.currentTimeMillis() < (flippedBy < 0 ? deadline : stayUntil)) {
            JsonObject e = api.explain(CLIENT_A.prefix(), LabPlan.SERVICE, "A");
            w.explained(e);
            JsonObject h = e.getJsonObject("explanation").getJsonObject("hysteresis");
            if (flippedBy < 0 && "CHALLENGER_PENDING".equals(h.getString("kind"))
                    && "nyc".equals(h.getString("challenger"))) {
                pendingSince = h.getLong("challengerSinceMillis");
            }
            long sent = System.currentTimeMillis();
            DnsReply a = dns.a(CLIENT_A);
            long received = System.currentTimeMillis();
            w.answer(a, received);
            boolean scoped = a.edns() != null && a.edns().options().contains(LabDns.scope24(CLIENT_A));
            if (scoped && flippedBy < 0) {
                if (LabDns.addresses(a).equals(List.of(FRA_1.address()))) {
                    lastFraStart = sent;
                } else {
                    assertThat(LabDns.addresses(a)).as(a.text()).containsExactly(NYC_1.address());
                    flippedBy = received;
                    stayUntil = received + STAY.toMillis();
                }
            }
            next += ROUND_MILLIS;
            LabDns.sleep(Math.max(0, next - System.currentTimeMillis()));
        }
        assertThat(flippedBy).as("clientA's answer did not move to nyc within %s of fra getting worse; explain:\n%s"
                        + "\npaths:\n%s", Duration.ofMillis(deadline - swappedAt),
                api.explain(CLIENT_A.prefix(), LabPlan.SERVICE, "A").encodePrettily(), lab.paths().describe())
                .isPositive();
        assertThat(pendingSince).as("explain never showed nyc as a pending challenger (polled every ~%d ms during a"
                + " %d s hold)", ROUND_MILLIS, HOLD.toSeconds()).isNotNull();
        long since = pendingSince;
        System.out.printf("GSLB: clearly better nyc for clientA (fra 400±%d ms, nyc 20±%d ms): lead by the margin"
                        + " began at +%d ms (server), last fra answer asked at +%d ms, nyc by +%d ms: %d ms after"
                        + " the lead began (hold %d ms); then %d s watched: %s%n", NOISE_MS, NOISE_MS,
                since - swappedAt, lastFraStart - swappedAt, flippedBy - swappedAt, flippedBy - since,
                HOLD.toMillis(), STAY.toSeconds(), w.summary());
        assertThat(flippedBy - since).as("moved no earlier than the hold after the lead began")
                .isGreaterThanOrEqualTo(HOLD.toMillis());
        // and it was held through the hold: still fra in a poll sent in its last 2 s (polls run every
        // ~300 ms; 2 s leaves room for slow rounds on a busy machine)
        assertThat(lastFraStart).as("last fra answer vs the end of the hold (lead began at %d)", since)
                .isGreaterThanOrEqualTo(since + HOLD.toMillis() - 2_000);
        assertThat(System.currentTimeMillis()).as("watched the new answer for %s", STAY)
                .isGreaterThanOrEqualTo(stayUntil);
        assertThat(w.switchCount()).as("moved exactly once and stayed: %s", w.summary()).isEqualTo(1);
        assertThat(w.answer()).containsExactly(NYC_1.address());
        assertThat(w.unscoped()).as(w.summary()).isZero();
    }
}
