package net.voicegslb.gslb.deploy.it.gslb;

import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.CLIENT_A;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.CLIENT_B;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.CLIENT_C;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.FRA_1;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.NYC_1;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.SIN_1;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.SIN_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.GslbJar;
import net.voicegslb.gslb.deploy.it.support.Metrics;
import net.voicegslb.gslb.deploy.it.support.ToolRun;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dynamic answers of a running {@code gslb dns} fed by three real agents (see {@link LabPlan}):
 * per ECS prefix the nearest site, SRV in rank order, NAPTR per RFC 3263, no ECS echoed to a query
 * without one, a silent SIP port told apart from SIPp by the server's own checks, {@code gslb
 * explain} on the command line, and forged or malformed telemetry refused while the real streams go
 * on. Nothing here changes the lab's conditions ({@link GslbFailoverIT} does).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GslbAnswersIT {

    @RegisterExtension
    static final GslbLabExtension LAB = new GslbLabExtension(Duration.ofSeconds(2));

    /** Agents connect, probe (~10 samples per path per second) and the hold passes: well inside this. */
    private static final Duration CONVERGE = Duration.ofSeconds(30);

    private static final Pattern NAPTR = Pattern.compile("(\\d+) (\\d+) \"([^\"]*)\" \"([^\"]*)\" \"([^\"]*)\" (\\S+)");

    @Test
    @Order(1)
    void eachClientNetworkGetsItsNearestSiteWithEcsScope24() {
        LabDns dns = LAB.dns();
        AdminApi api = LAB.api();
        long t0 = System.nanoTime();
        DnsReply ra = dns.awaitA(CLIENT_A, List.of(FRA_1.address()), CONVERGE, api);
        long a = System.nanoTime();
        DnsReply rb = dns.awaitA(CLIENT_B, List.of(NYC_1.address()), CONVERGE, api);
        long b = System.nanoTime();
        // sin-2's SIP port is silent: with answers.nodes 2 it would be here beside sin-1 if it were up
        DnsReply rc = dns.awaitA(CLIENT_C, List.of(SIN_1.address()), CONVERGE, api);
        System.out.printf("GSLB: per-network answers decided from measurements (scope /24) %.1f s after every node was"
                + " serving: clientA %.1f s, clientB +%.1f s, clientC +%.1f s%n", (System.nanoTime() - t0) / 1e9,
                (a - t0) / 1e9, (b - a) / 1e9, (System.nanoTime() - b) / 1e9);

        assertThat(ra.hasFlag("aa")).as("authoritative").isTrue();
        assertThat(ra.answer()).allSatisfy(rr -> assertThat(rr.ttl()).isBetween(1L, 20L));
        assertThat(rb.edns().options()).contains(LabDns.scope24(CLIENT_B));
        assertThat(rc.edns().options()).contains(LabDns.scope24(CLIENT_C));

        // the same question from Knot's client
        await("kdig +subnet: clientB gets nyc with scope 24").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    DnsReply kb = LAB.lab().kdig().query("+subnet=" + CLIENT_B.prefix(), LabPlan.SERVICE, "A");
                    assertThat(LabDns.addresses(kb)).as(kb.text()).containsExactly(NYC_1.address());
                    assertThat(kb.edns().options()).as(kb.text()).contains("CLIENT-SUBNET: 127.20.2.0/24/24");
                });
    }

    @Test
    @Order(2)
    void srvListsEverySiteInRankOrderWithTheNodeAddressesInAdditional() {
        LabDns dns = LAB.dns();
        List<String> expected = List.of(FRA_1.hostnameDot(), NYC_1.hostnameDot(), SIN_1.hostnameDot());
        await("SRV for clientA lists fra-1, nyc-1, sin-1 by priority").atMost(CONVERGE)
                .pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                        assertThat(byPriority(dns.srv(CLIENT_A))).extracting(SrvRecord::target)
                                .containsExactlyElementsOf(expected));

        DnsReply r = dns.srv(CLIENT_A);
        List<SrvRecord> srv = byPriority(r);
        assertThat(srv).extracting(SrvRecord::target).as(r.text()).containsExactlyElementsOf(expected);
        assertThat(srv.get(0).priority()).as("fra before nyc\n%s", r.text()).isLessThan(srv.get(1).priority());
        assertThat(srv.get(1).priority()).as("nyc before sin\n%s", r.text()).isLessThan(srv.get(2).priority());
        assertThat(srv).allSatisfy(s -> assertThat(s.port()).isEqualTo(LAB.lab().sipPort()));
        assertThat(r.edns().options()).as(r.text()).contains("CLIENT-SUBNET: 127.20.1.0/24/24");
        for (LabNode n : List.of(FRA_1, NYC_1, SIN_1)) {
            assertThat(r.additional()).as("A of %s in the additional section\n%s", n.id(), r.text())
                    .anySatisfy(rr -> {
                        assertThat(rr.owner()).isEqualTo(n.hostnameDot());
                        assertThat(rr.type()).isEqualTo("A");
                        assertThat(rr.rdata()).isEqualTo(n.address());
                    });
        }
        assertThat(r.text()).as("sin-2 is down (silent SIP port)").doesNotContain(SIN_2.hostname())
                .doesNotContain(SIN_2.address());

        // clientB: nyc first
        List<SrvRecord> b = byPriority(dns.srv(CLIENT_B));
        assertThat(b).extracting(SrvRecord::target).first().isEqualTo(NYC_1.hostnameDot());
    }

    @Test
    @Order(3)
    void naptrPointsAtTheSrvNamesOfTheOfferedTransports() {
        DnsReply r = LAB.lab().dig().query("+subnet=" + CLIENT_A.prefix(), LabPlan.DOMAIN, "NAPTR");
        List<String[]> naptr = new ArrayList<>();
        for (String rdata : r.rdataOf(r.answer(), "NAPTR")) {
            Matcher m = NAPTR.matcher(rdata);
            assertThat(m.matches()).as("NAPTR rdata %s", rdata).isTrue();
            naptr.add(new String[] {m.group(3), m.group(4), m.group(5), m.group(6)});
        }
        // every node offers udp and tcp, none tls: SIP+D2U and SIP+D2T, no SIPS+D2T (RFC 3263 section 4.1)
        assertThat(naptr).as(r.text()).hasSize(2);
        assertThat(naptr).allSatisfy(n -> {
            assertThat(n[0]).as("flags: the replacement is an SRV name").isEqualToIgnoringCase("s");
            assertThat(n[2]).as("no regexp with a replacement").isEmpty();
        });
        assertThat(naptr).extracting(n -> n[1] + " -> " + n[3]).containsExactlyInAnyOrder(
                "SIP+D2U -> " + LabPlan.SRV_UDP + ".", "SIP+D2T -> " + LabPlan.SRV_TCP + ".");
        // and the name it points at is answered
        DnsReply tcp = LAB.lab().dig().query("+subnet=" + CLIENT_A.prefix(), LabPlan.SRV_TCP, "SRV");
        assertThat(byPriority(tcp)).extracting(SrvRecord::target).as(tcp.text()).first()
                .isEqualTo(FRA_1.hostnameDot());
    }

    @Test
    @Order(4)
    void aQueryWithoutEcsGetsANodeAndNoEcsOption() {
        List<String> serving = List.of(FRA_1.address(), NYC_1.address(), SIN_1.address());
        // dig sends an OPT record (with a cookie) but no ECS option
        DnsReply withOpt = LAB.lab().dig().query(LabPlan.SERVICE, "A");
        assertThat(withOpt.status()).isEqualTo("NOERROR");
        assertThat(LabDns.addresses(withOpt)).as(withOpt.text()).isNotEmpty().allSatisfy(a -> assertThat(a).isIn(serving));
        assertThat(withOpt.edns()).as(withOpt.text()).isNotNull();
        // a response's ECS option mirrors the query's (RFC 7871 section 6: its source prefix length "mirrors
        // the same value as in the queries"); a query that sent none leaves nothing to mirror
        assertThat(withOpt.edns().hasOption("CLIENT-SUBNET")).as(withOpt.text()).isFalse();
        // kdig without +edns sends no OPT at all: none may come back (RFC 6891)
        DnsReply plain = LAB.lab().kdig().query(LabPlan.SERVICE, "A");
        assertThat(LabDns.addresses(plain)).as(plain.text()).isNotEmpty().allSatisfy(a -> assertThat(a).isIn(serving));
        assertThat(plain.edns()).as(plain.text()).isNull();
    }

    @Test
    @Order(5)
    void theServersSipChecksTellTheSilentNodeFromSipp() {
        AdminApi api = LAB.api();
        await("sin-2 down for want of a SIP answer, sin-1 serving").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    JsonObject e = api.explain(CLIENT_C.prefix(), LabPlan.SERVICE, "A");
                    JsonObject silent = AdminApi.node(e, "sin", SIN_2.id());
                    assertThat(silent.getString("state")).as(silent.encode()).isEqualTo("DOWN");
                    assertThat(silent.getString("reason")).as(silent.encode()).containsIgnoringCase("no response");
                    // (DEGRADED when the agents see the shared machine's CPU above 90 %: still serving)
                    assertThat(AdminApi.node(e, "sin", SIN_1.id()).getString("state")).isNotEqualTo("DOWN");
                });
        // sin-2's agent heartbeats say it is fine, so only the server's SIP check can have taken it down
        JsonObject status = api.status();
        JsonObject sin2 = AdminApi.statusNode(status, SIN_2.id());
        assertThat(sin2.getString("state")).as(sin2.encode()).isEqualTo("DOWN");
        assertThat(sin2.getString("reason")).as(sin2.encode()).containsIgnoringCase("no response");
        assertThat(sin2.getLong("lastHeartbeatMillis")).as("sin-2's heartbeats are current: %s", sin2.encode())
                .isNotNull().isGreaterThan(status.getLong("atMillis") - 3_000);
        assertThat(AdminApi.statusNode(status, SIN_1.id()).getString("state")).isNotEqualTo("DOWN");
        for (int i = 0; i < 10; i++) {
            DnsReply a = LAB.dns().a(CLIENT_C);
            assertThat(LabDns.addresses(a)).as(a.text()).doesNotContain(SIN_2.address()).contains(SIN_1.address());
            DnsReply srv = LAB.dns().srv(CLIENT_A);
            assertThat(srv.text()).doesNotContain(SIN_2.hostname()).doesNotContain(SIN_2.address());
            LabDns.sleep(100);
        }
    }

    @Test
    @Order(6)
    void explainCommandShowsTheEvidenceAndFraFirstForClientA() {
        LAB.dns().awaitA(CLIENT_A, List.of(FRA_1.address()), CONVERGE, LAB.api());
        GslbLab lab = LAB.lab();
        // the lab's agents do not report the shared machine's CPU (cpu_load: false): a fail-open
        // answer here would be the server's fault, so it is asserted against, not retried
        ToolRun.Result r = GslbJar.run("explain", "--client", CLIENT_A.prefix(), "--admin",
                "127.0.0.1:" + lab.dns().adminPort(), "--token-file", lab.dir().resolve("admin.token").toString(),
                LabPlan.SERVICE);
        assertThat(r.stdout()).as(r.describe()).doesNotContain("FAIL-OPEN");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        String out = r.stdout();
        System.out.println("GSLB: gslb explain --client " + CLIENT_A.prefix() + " " + LabPlan.SERVICE + ":\n" + out);
        List<String> lines = out.lines().toList();
        int fra = indexOf(lines, "#1 fra ");
        int nyc = indexOf(lines, "#2 nyc ");
        int sin = indexOf(lines, "#3 sin ");
        assertThat(List.of(fra, nyc, sin)).as(out).allSatisfy(i -> assertThat(i).isNotNegative());
        assertThat(fra).as(out).isLessThan(nyc);
        assertThat(nyc).as(out).isLessThan(sin);
        String fraEvidence = lines.subList(fra, nyc).stream().filter(l -> l.contains("evidence")).findFirst()
                .orElseThrow(() -> new AssertionError("no evidence line for fra:\n" + out));
        assertThat(fraEvidence).as(out).contains("EXACT_PREFIX " + CLIENT_A.prefix());
        Matcher rtt = Pattern.compile("rtt ([0-9.]+) ms").matcher(fraEvidence);
        assertThat(rtt.find()).as(fraEvidence).isTrue();
        assertThat(Double.parseDouble(rtt.group(1))).as("fra's measured RTT to clientA (5 ms configured)")
                .isLessThan(30);
        int answer = indexOf(lines, "answer (");
        assertThat(answer).as(out).isPositive();
        assertThat(lines.get(answer)).contains("ECS scope /24");
        assertThat(lines.get(answer + 1)).as(out).contains(FRA_1.address());
    }

    @Test
    @Order(7)
    void forgedAndMalformedTelemetryIsRefusedWhileTheAgentsStreamsGoOn() {
        GslbLab lab = LAB.lab();
        AdminApi api = LAB.api();
        LAB.dns().awaitA(CLIENT_A, List.of(FRA_1.address()), CONVERGE, api);
        Metrics before = lab.admin().metrics();
        long attackStart = System.currentTimeMillis();
        ForgedTelemetry forged = new ForgedTelemetry();

        TelemetrySocket.Upgrade wrong = TelemetrySocket.connect(lab.telemetryPort(), "not-a-node-token");
        assertThat(wrong.refusedStatus()).as("a token of no node").isEqualTo(401);

        // nyc-1's token in the attacker's hands while nyc-1's own agent is down: the server keeps one
        // connection per node, so the real agent reconnecting would replace the attacker's mid-attack
        lab.agent(NYC_1.id()).kill();
        // frames in fra-1's name: a takeover of fra would drain it and make its path terrible
        List<byte[]> impersonation = new ArrayList<>(forged.impersonating(FRA_1, CLIENT_A));
        impersonation.add(forged.payloadFor(NYC_1, FRA_1));
        sendAndAwaitCounted(lab, impersonation, "sender_mismatch", impersonation.size(), before);
        sendAndAwaitCounted(lab, ForgedTelemetry.malformed(), "malformed", 2, before);
        sendAndAwaitCounted(lab, List.of(forged.negativeRtt(NYC_1, CLIENT_B)), "out_of_range", 1, before);
        lab.agent(NYC_1.id()).start().awaitConnected(Duration.ofSeconds(20));

        Metrics after = lab.admin().metrics();
        assertThat(after.sum("gslb_telemetry_rejected_total", "reason", "unknown_credential")
                - before.sum("gslb_telemetry_rejected_total", "reason", "unknown_credential")).isGreaterThanOrEqualTo(1);
        assertThat(after.sum("gslb_telemetry_auth_failures_total") - before.sum("gslb_telemetry_auth_failures_total"))
                .isGreaterThanOrEqualTo(1);

        // the real streams went on: heartbeats keep arriving and every agent is (back) on line
        double heartbeats = after.sum("gslb_telemetry_frames_total", "type", "heartbeat");
        LabDns.sleep(2_000);
        Metrics later = lab.admin().metrics();
        assertThat(later.sum("gslb_telemetry_frames_total", "type", "heartbeat") - heartbeats)
                .as("heartbeats accepted in 2 s from 4 agents at 1/s").isGreaterThanOrEqualTo(4);
        lab.awaitAgentsConnected(Duration.ofSeconds(10));
        // and none of the forged claims took: fra was not drained (no transition to DOWN since the attack,
        // its state is not DOWN) and its path to clientA is still the measured one, not the forged 900 ms
        JsonArray fraEvents = api.events(FRA_1.id());
        assertThat(fraEvents.stream().map(o -> (JsonObject) o)
                .filter(ev -> java.time.Instant.parse(ev.getString("at")).toEpochMilli() >= attackStart))
                .as("fra-1's transitions since the attack: %s", fraEvents.encodePrettily())
                .noneSatisfy(ev -> assertThat(ev.getString("to")).isEqualTo("DOWN"));
        JsonObject e = api.explain(CLIENT_A.prefix(), LabPlan.SERVICE, "A");
        JsonObject fra = AdminApi.node(e, "fra", FRA_1.id());
        assertThat(fra.getString("state")).as(e.encodePrettily()).isNotEqualTo("DOWN");
        assertThat(fra.getString("reason")).as(e.encodePrettily()).doesNotContain("SHUTTING_DOWN");
        assertThat(AdminApi.site(e, "fra").getDouble("rttMillis")).as("fra's RTT to clientA: measured 5 ms, forged 900")
                .isLessThan(100);
        LAB.dns().awaitA(CLIENT_A, List.of(FRA_1.address()), Duration.ofSeconds(10), api);
        LAB.dns().awaitA(CLIENT_B, List.of(NYC_1.address()), CONVERGE, api);
        assertThat(lab.dns().stderr()).as("the refusals are logged with their reason")
                .contains("sender_mismatch").contains("malformed");
    }

    /**
     * Sends {@code frames} on one connection with nyc-1's token and waits (at most 5 s) until the
     * server has counted {@code expected} more refusals for {@code reason}: every frame that
     * reached the server must be counted, once; there is no second try that could hide a lost one.
     */
    private static void sendAndAwaitCounted(GslbLab lab, List<byte[]> frames, String reason, int expected,
                                            Metrics before) {
        double base = before.sum("gslb_telemetry_rejected_total", "reason", reason);
        TelemetrySocket.Upgrade u = TelemetrySocket.connect(lab.telemetryPort(), lab.token(NYC_1.id()));
        assertThat(u.refusedStatus()).as("nyc-1's own token is valid").isZero();
        try (TelemetrySocket s = u.socket()) {
            for (byte[] f : frames) {
                s.send(f);
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            double counted = 0;
            while (System.nanoTime() < deadline) {
                counted = lab.admin().metrics().sum("gslb_telemetry_rejected_total", "reason", reason) - base;
                if (counted >= expected) {
                    assertThat(counted).as("each frame counted once").isEqualTo(expected);
                    return;
                }
                LabDns.sleep(50);
            }
            throw new AssertionError("the server counted " + counted + " of " + expected + " frames as " + reason);
        }
    }

    private static List<SrvRecord> byPriority(DnsReply r) {
        return LabDns.srvRecords(r).stream().sorted(Comparator.comparingInt(SrvRecord::priority)).toList();
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
