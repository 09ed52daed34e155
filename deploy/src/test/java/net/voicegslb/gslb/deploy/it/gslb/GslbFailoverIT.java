package net.voicegslb.gslb.deploy.it.gslb;

import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.CLIENT_A;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.CLIENT_B;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.FRA_1;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.NYC_1;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.SIN_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The answers follow the world: a site whose agent and SIP stack die (SIGKILL) leaves the A and SRV
 * answers within 3 s of its last heartbeat (so of its death) and comes back after the rise threshold;
 * so does one whose agent dies alone (heartbeat timeout, measured three times); a path that gets worse than another moves the answer, but only once the
 * challenger has led for the hold time. The agents stream over TLS, as in production (the other lab
 * ITs use ws:// so that they can also speak raw frames to the server). Timings are printed ("GSLB: ...") for the closing note.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GslbFailoverIT {

    private static final Duration HOLD = Duration.ofSeconds(2);

    @RegisterExtension
    static final GslbLabExtension LAB = new GslbLabExtension(GslbLab.Options.fullWithTlsTelemetry(HOLD));

    private static final Duration CONVERGE = Duration.ofSeconds(30);
    /**
     * The design's deadline (docs/architecture.md, "Health"): a node is down once no heartbeat has been
     * received for heartbeat_interval x missed_heartbeats, 1 s x 3 by the product's defaults, which the
     * lab keeps; every precomputed answer carries that deadline and expires itself at it. So no query
     * the server receives later than 3 s after the node's last heartbeat may still name the node; and
     * since the last heartbeat is received no later than the node's death, a dead site leaves every
     * answer within 3 s of dying. The test checks exactly that, with the server's own record of the
     * last heartbeat (no tolerance): a poll sent after the deadline is received after it.
     */
    private static final long HEARTBEAT_TIMEOUT_MILLIS = 3_000;
    /** The dead node's last heartbeat may be received a little after the kill returned (in flight). */
    private static final long IN_FLIGHT_MILLIS = 250;
    /** Issue 19: the agent-alone death is measured this many times; the median is reported. */
    private static final int REPEATS = 3;
    private static final long POLL_MILLIS = 100;

    /** One poll of a client's A and SRV answers: when it ran and whether the dead node was in either. */
    private record Poll(long startMillis, long endMillis, boolean present, String text) {}

    /** How a node's removal from a client's answers looked from outside, in ms after its death. */
    private record Removal(long stillThere, long goneBy, List<Poll> polls) {}

    @Test
    @Order(1)
    void aDeadSiteLeavesTheAnswersWithinThreeSecondsAndComesBack() {
        GslbLab lab = LAB.lab();
        LabDns dns = LAB.dns();
        AdminApi api = LAB.api();
        dns.awaitA(CLIENT_A, List.of(FRA_1.address()), CONVERGE, api);
        assertThat(in(FRA_1, dns.aAndSrv(CLIENT_A))).as("fra in A and SRV before the kill").isTrue();

        long killedAt = System.currentTimeMillis();
        lab.agent(FRA_1.id()).kill();
        lab.sipp(FRA_1.id()).kill();
        long dead = System.currentTimeMillis();

        Removal gone = awaitRemoval(dns, FRA_1, CLIENT_A, killedAt);
        System.out.printf("GSLB: dead site fra (agent + SIPp SIGKILLed in %d ms): still answered at +%d ms, gone from"
                + " A and SRV for clientA by +%d ms (%d polls)%n", dead - killedAt, gone.stillThere(), gone.goneBy(),
                gone.polls().size());
        assertGoneByTheHeartbeatDeadline(api, FRA_1, dead, gone);

        assertDownEvent(api, FRA_1, killedAt);

        DnsReply a = dns.a(CLIENT_A);
        assertThat(LabDns.addresses(a)).as("the next best site for clientA\n%s", a.text())
                .containsExactly(NYC_1.address());
        DnsReply srvAfter = dns.srv(CLIENT_A);
        assertThat(LabDns.srvRecords(srvAfter).stream().sorted(java.util.Comparator.comparingInt(SrvRecord::priority))
                .map(SrvRecord::target).toList()).as(srvAfter.text()).doesNotContain(FRA_1.hostnameDot()).first()
                .isEqualTo(NYC_1.hostnameDot());

        long restartedAt = System.currentTimeMillis();
        lab.sipp(FRA_1.id()).start();
        lab.agent(FRA_1.id()).start().awaitConnected(Duration.ofSeconds(20));
        long connected = System.currentTimeMillis() - restartedAt;
        dns.awaitA(CLIENT_A, List.of(FRA_1.address()), Duration.ofSeconds(20), api);
        System.out.printf("GSLB: fra restarted: agent connected after %d ms, first for clientA again %d ms after the"
                + " restart (rise 3 heartbeats, SIP rise 2, then the %d s hold)%n", connected,
                System.currentTimeMillis() - restartedAt, HOLD.toSeconds());
        DnsReply srv = dns.srv(CLIENT_A);
        assertThat(LabDns.srvRecords(srv).stream().min(java.util.Comparator.comparingInt(SrvRecord::priority))
                .map(SrvRecord::target)).as(srv.text()).contains(FRA_1.hostnameDot());
    }

    @Test
    @Order(2)
    void aBetterPathMovesTheAnswerOnlyAfterTheHoldTime() {
        GslbLab lab = LAB.lab();
        LabDns dns = LAB.dns();
        AdminApi api = LAB.api();
        dns.awaitA(CLIENT_A, List.of(FRA_1.address()), CONVERGE, api);
        lab.paths().setRtt("fra", CLIENT_A, 60);
        lab.paths().setRtt("nyc", CLIENT_A, 5);
        HoldWatch w = watchSwitch(lab, dns, api, System.currentTimeMillis());
        // The lab's agents do not report the shared machine's CPU (cpu_load: false) and nothing else
        // is done to fra here: fra leaving the eligible set would be the server's doing, not noise.
        assertThat(w.fraIneligible()).as("fra stayed eligible and healthy during the swap (the server's explain)")
                .isNull();
        assertThat(w.unscoped()).as("answers during the swap not decided for clientA's /24 (fail-open)").isZero();
        assertHeld(w);
    }

    /**
     * What one swap looked like from outside, times in epoch ms.
     *
     * @param nycLeadSeen   first poll where explain's measurements put nyc above fra by the margin
     * @param pendingSince  the server's own record of when nyc's lead began (last one seen before the switch)
     * @param lastFraStart  start of the last query still answered with fra
     * @param flippedBy     end of the first query answered with nyc
     * @param fraIneligible why fra was not eligible in a poll up to the switch, or null if it always was
     */
    private record HoldWatch(long swappedAt, Long nycLeadSeen, Long pendingSince, long lastFraStart, long flippedBy,
                             int unscoped, String fraIneligible) {}

    private static HoldWatch watchSwitch(GslbLab lab, LabDns dns, AdminApi api, long swappedAt) {
        Long nycLeadSeen = null;
        Long pendingSince = null;
        long lastFraStart = -1;
        Long flippedBy = null;
        String fraIneligible = null;
        String lastAnswer = "";
        int unscoped = 0;
        long deadline = swappedAt + 30_000;
        while (System.currentTimeMillis() < deadline && flippedBy == null) {
            JsonObject e = api.explain(CLIENT_A.prefix(), LabPlan.SERVICE, "A");
            JsonObject h = e.getJsonObject("explanation").getJsonObject("hysteresis");
            fraIneligible = fraIneligible != null ? fraIneligible : ineligibility(e);
            // measurements alone (predicted MOS), without the load penalties that come and go on a shared machine
            double lead = AdminApi.site(e, "nyc").getDouble("predictedMos")
                    - AdminApi.site(e, "fra").getDouble("predictedMos");
            if (nycLeadSeen == null && lead >= h.getDouble("marginMos")) {
                nycLeadSeen = System.currentTimeMillis();
            }
            if ("CHALLENGER_PENDING".equals(h.getString("kind")) && "nyc".equals(h.getString("challenger"))) {
                pendingSince = h.getLong("challengerSinceMillis");
            }
            long start = System.currentTimeMillis();
            DnsReply a = dns.a(CLIENT_A);
            List<String> addresses = LabDns.addresses(a);
            lastAnswer = a.text();
            boolean decidedForClientA = a.edns() != null && a.edns().options().contains(LabDns.scope24(CLIENT_A));
            if (!decidedForClientA) {
                unscoped++; // counted and bounded below: a fail-open answer here would be a server fault
            } else if (addresses.equals(List.of(NYC_1.address()))) {
                flippedBy = System.currentTimeMillis();
                // fra's load comes with its heartbeat, once a second: a spike behind this switch is still visible
                fraIneligible = fraIneligible != null ? fraIneligible
                        : ineligibility(api.explain(CLIENT_A.prefix(), LabPlan.SERVICE, "A"));
            } else {
                assertThat(addresses).as(a.text()).containsExactly(FRA_1.address());
                lastFraStart = start;
            }
            LabDns.sleep(POLL_MILLIS);
        }
        assertThat(flippedBy).as("clientA's answer did not move to nyc within 30 s of the swap; last:\n%s\n"
                + "explain:\n%s\npaths:\n%s", lastAnswer,
                api.explain(CLIENT_A.prefix(), LabPlan.SERVICE, "A").encodePrettily(), lab.paths().describe())
                .isNotNull();
        return new HoldWatch(swappedAt, nycLeadSeen, pendingSince, lastFraStart, flippedBy, unscoped, fraIneligible);
    }

    /** Null while fra is eligible and healthy, else its eligibility and health, e.g. "EXCLUDED_FULL/DEGRADED". */
    private static String ineligibility(JsonObject explain) {
        JsonObject fra = AdminApi.site(explain, "fra");
        return "ELIGIBLE".equals(fra.getString("eligibility")) ? null
                : fra.getString("eligibility") + "/" + fra.getString("health");
    }

    private static void assertHeld(HoldWatch w) {
        assertThat(w.pendingSince()).as("explain never showed nyc as a pending challenger (polled every ~%d ms during"
                + " a %d s hold)", POLL_MILLIS, HOLD.toSeconds()).isNotNull();
        long since = w.pendingSince();
        System.out.printf("GSLB: fra<->nyc swapped for clientA: nyc led by the margin (server) at +%d ms, seen by"
                        + " explain at +%d ms; answer still fra at +%d ms, nyc by +%d ms: %d ms after the lead began"
                        + " (hold %d ms; %d answers not decided for the /24 ignored)%n", since - w.swappedAt(),
                w.nycLeadSeen() == null ? -1 : w.nycLeadSeen() - w.swappedAt(), w.lastFraStart() - w.swappedAt(),
                w.flippedBy() - w.swappedAt(), w.flippedBy() - since, HOLD.toMillis(), w.unscoped());
        // The answer may move only once nyc has led for the hold: it must still have been fra shortly
        // before since + hold (one poll and one dig earlier at most).
        assertThat(w.lastFraStart()).as("last fra answer vs the end of the hold (lead began at %d)", since)
                .isGreaterThanOrEqualTo(since + HOLD.toMillis() - 3 * POLL_MILLIS);
        assertThat(w.flippedBy() - since).as("switched no earlier than the hold").isGreaterThanOrEqualTo(HOLD.toMillis());
    }

    @Test
    @Order(3)
    void anAgentThatDiesAloneTakesItsSiteOutByTheHeartbeatTimeout() {
        GslbLab lab = LAB.lab();
        LabDns dns = LAB.dns();
        AdminApi api = LAB.api();
        dns.awaitA(CLIENT_B, List.of(NYC_1.address()), CONVERGE, api);
        assertThat(in(NYC_1, dns.aAndSrv(CLIENT_B))).as("nyc in A and SRV before the kill").isTrue();

        // SIPp goes on answering the server's SIP checks: only the missing heartbeats can tell
        List<Long> goneBy = new ArrayList<>();
        for (int round = 1; round <= REPEATS; round++) {
            dns.awaitA(CLIENT_B, List.of(NYC_1.address()), CONVERGE, api);
            long killedAt = System.currentTimeMillis();
            lab.agent(NYC_1.id()).kill();
            long dead = System.currentTimeMillis();
            Removal gone = awaitRemoval(dns, NYC_1, CLIENT_B, killedAt);
            System.out.printf("GSLB: round %d: nyc's agent alone SIGKILLed (SIP still answering): still answered at"
                    + " +%d ms, gone from A and SRV for clientB by +%d ms (heartbeat timeout 1 s x 3)%n", round,
                    gone.stillThere(), gone.goneBy());
            long sinceHeartbeat = assertGoneByTheHeartbeatDeadline(api, NYC_1, dead, gone);
            goneBy.add(gone.goneBy());
            String reason = assertDownEvent(api, NYC_1, killedAt);
            assertThat(reason).as("the heartbeat timeout took it down").containsIgnoringCase("heartbeat");
            assertThat(sinceHeartbeat).as("down by the heartbeat timeout, so not before it")
                    .isGreaterThanOrEqualTo(HEARTBEAT_TIMEOUT_MILLIS - POLL_MILLIS);

            long restartedAt = System.currentTimeMillis();
            lab.agent(NYC_1.id()).start().awaitConnected(Duration.ofSeconds(20));
            dns.awaitA(CLIENT_B, List.of(NYC_1.address()), Duration.ofSeconds(20), api);
            System.out.printf("GSLB: round %d: nyc's agent restarted: first for clientB again %d ms later%n", round,
                    System.currentTimeMillis() - restartedAt);
        }
        List<Long> sorted = goneBy.stream().sorted().toList();
        System.out.printf("GSLB: agent-alone death over %d rounds: gone by %s ms after the kill, median %d ms"
                + " (deadline %d ms after the last heartbeat)%n", REPEATS, goneBy, sorted.get(sorted.size() / 2),
                HEARTBEAT_TIMEOUT_MILLIS);
    }

    /**
     * The design's deadline, checked against the server's own record: every poll sent more than
     * {@value #HEARTBEAT_TIMEOUT_MILLIS} ms after {@code node}'s last received heartbeat was answered
     * without it (there is such a poll: {@link #awaitRemoval} watched for a second after the first clean
     * one), and that heartbeat was received by the time the node had died. Returns when the first clean
     * poll ended, in ms after the last heartbeat.
     */
    private static long assertGoneByTheHeartbeatDeadline(AdminApi api, LabNode node, long deadAt, Removal gone) {
        JsonObject status = AdminApi.statusNode(api.status(), node.id());
        Long lastHeartbeat = status.getLong("lastHeartbeatMillis");
        assertThat(lastHeartbeat).as("the server's last heartbeat of %s: %s", node.id(), status.encode()).isNotNull();
        assertThat(lastHeartbeat).as("%s's last heartbeat was received after it died (+%d ms)", node.id(),
                lastHeartbeat - deadAt).isLessThanOrEqualTo(deadAt + IN_FLIGHT_MILLIS);
        long deadline = lastHeartbeat + HEARTBEAT_TIMEOUT_MILLIS;
        List<Poll> late = gone.polls().stream().filter(p -> p.startMillis() > deadline).toList();
        assertThat(late).as("polls sent after the deadline").isNotEmpty();
        assertThat(late.stream().filter(Poll::present).map(p -> "+" + (p.startMillis() - lastHeartbeat) + " ms:\n"
                + p.text()).toList()).as("%s still answered to queries sent more than %d ms after its last heartbeat",
                node.id(), HEARTBEAT_TIMEOUT_MILLIS).isEmpty();
        Poll firstClean = gone.polls().stream().filter(p -> !p.present()).findFirst().orElseThrow();
        long sinceHeartbeat = firstClean.endMillis() - lastHeartbeat;
        System.out.printf("GSLB: %s's last heartbeat %d ms %s its death; gone from the answers by +%d ms after it"
                + " (deadline %d ms)%n", node.id(), Math.abs(deadAt - lastHeartbeat),
                lastHeartbeat <= deadAt ? "before" : "after", sinceHeartbeat, HEARTBEAT_TIMEOUT_MILLIS);
        return sinceHeartbeat;
    }

    /**
     * Polls {@code client}'s A and SRV answers every {@value #POLL_MILLIS} ms until {@code dead} has been
     * absent from both for a second (it must not come back in between) and the heartbeat deadline has
     * passed, even when the SIP checks took it out earlier; at most 10 s.
     */
    private static Removal awaitRemoval(LabDns dns, LabNode dead, ClientNetwork client, long killedAt) {
        List<Poll> polls = new ArrayList<>();
        Poll firstClean = null;
        long deadline = killedAt + 10_000;
        while (System.currentTimeMillis() < deadline) {
            long start = System.currentTimeMillis();
            List<DnsReply> r = dns.aAndSrv(client);
            Poll p = new Poll(start, System.currentTimeMillis(), in(dead, r), r.toString());
            polls.add(p);
            if (!p.present() && firstClean == null) {
                firstClean = p;
            }
            if (p.present() && firstClean != null) {
                throw new AssertionError(dead.id() + " came back " + (p.startMillis() - killedAt)
                        + " ms after its death:\n" + p.text());
            }
            if (firstClean != null && start - firstClean.startMillis() >= 1_000
                    && start > killedAt + HEARTBEAT_TIMEOUT_MILLIS + IN_FLIGHT_MILLIS + 2 * POLL_MILLIS) {
                break; // gone, stayed gone for a second, and watched past the heartbeat deadline
            }
            LabDns.sleep(POLL_MILLIS);
        }
        assertThat(firstClean).as("%s still in %s's answers 10 s after its death; last:\n%s", dead.id(), client,
                polls.isEmpty() ? "(no poll)" : polls.get(polls.size() - 1).text()).isNotNull();
        Poll lastDirty = polls.stream().filter(Poll::present).reduce((a, b) -> b).orElse(null);
        return new Removal(lastDirty == null ? 0 : lastDirty.startMillis() - killedAt, firstClean.endMillis() - killedAt,
                List.copyOf(polls));
    }

    /** The node's transition to DOWN since {@code killedAt} is a kept event with a reason; returns the reason. */
    private static String assertDownEvent(AdminApi api, LabNode node, long killedAt) {
        JsonArray events = api.events(node.id());
        JsonObject down = events.stream().map(o -> (JsonObject) o)
                .filter(ev -> "DOWN".equals(ev.getString("to")))
                .filter(ev -> java.time.Instant.parse(ev.getString("at")).toEpochMilli() >= killedAt)
                .findFirst().orElseThrow(() -> new AssertionError(node.id() + "'s death is no kept event: "
                        + events.encodePrettily()));
        assertThat(down.getString("reason")).as(down.encode()).isNotBlank();
        System.out.printf("GSLB: %s went down at +%d ms: %s%n", node.id(),
                java.time.Instant.parse(down.getString("at")).toEpochMilli() - killedAt, down.getString("reason"));
        return down.getString("reason");
    }

    private static boolean in(LabNode node, List<DnsReply> aAndSrv) {
        return aAndSrv.stream().anyMatch(r -> r.text().contains(node.address()) || r.text().contains(node.hostname()));
    }
}
