package net.voicegslb.gslb.deploy.it.gslb;

import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.CLIENT_A;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.CLIENT_B;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.FRA_1;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.NYC_1;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.SIN_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.voicegslb.gslb.deploy.GslbCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * An operator drains a site of a running {@code gslb dns} fed by real agents: first the preview
 * (what would move, nothing changed), then the drain with {@code gslb site}, answers checked with
 * {@code dig} moving away at once and coming back on undrain; the event history says who did what;
 * bad requests, an unknown site, a missing token and taking the last active site out without force
 * are refused over the wire.
 */
class SiteDrainIT {

    @RegisterExtension
    static final GslbLabExtension LAB = new GslbLabExtension(Duration.ofSeconds(2));

    private static final Duration CONVERGE = Duration.ofSeconds(30);
    /** The refresher recomputes answers every 20 ms after a change; a dig round trip or two on top. */
    private static final Duration MOVE = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void previewThenDrainMovesAnswersAndUndrainBringsThemBack() throws Exception {
        LabDns dns = LAB.dns();
        AdminApi api = LAB.api();
        dns.awaitA(CLIENT_A, List.of(FRA_1.address()), CONVERGE, api);
        dns.awaitA(CLIENT_B, List.of(NYC_1.address()), CONVERGE, api);

        // the preview: clientA's network moves from fra, nothing is changed
        Cli preview = cli("site", "drain", "fra", "--for", "10m", "--reason", "kernel update", "--preview");
        assertThat(preview.code).as(preview.text()).isZero();
        assertThat(preview.out).contains("preview of drain fra (ACTIVE -> DRAIN), nothing changed:")
                .containsPattern("\\d+ client networks?, (\\d+ % of the client networks measured|about \\d+ % of recent"
                        + " queries), go from fra to ");
        assertThat(LabDns.addresses(dns.a(CLIENT_A))).containsExactly(FRA_1.address());
        assertThat(api.status().getJsonArray("sites").stream().map(o -> ((JsonObject) o).getString("adminState")))
                .containsOnly("ACTIVE");

        // the drain: clientA leaves fra at once, clientB stays on nyc
        long before = System.currentTimeMillis();
        Cli drain = cli("site", "drain", "fra", "--for", "10m", "--reason", "kernel update");
        assertThat(drain.code).as(drain.text()).isZero();
        assertThat(drain.out).startsWith("fra: ACTIVE -> DRAIN until ").containsPattern(", in (10 min|9 min 5\\d s), by api:"
                + " kernel update");
        long drained = awaitAddressesNot(CLIENT_A, FRA_1.address(), MOVE);
        System.out.printf("site drain: clientA answered without fra %d ms after the command started%n", drained - before);
        assertThat(LabDns.addresses(dns.a(CLIENT_A))).containsAnyOf(NYC_1.address(), SIN_1.address());
        assertThat(LabDns.addresses(dns.a(CLIENT_B))).containsExactly(NYC_1.address());

        JsonObject fra = site(api.status(), "fra");
        assertThat(fra.getString("adminState")).isEqualTo("DRAIN");
        JsonObject override = fra.getJsonObject("adminOverride");
        assertThat(override.getString("by")).isEqualTo("api");
        assertThat(override.getString("reason")).isEqualTo("kernel update");
        assertThat(override.getLong("untilMillis") - before).isBetween(Duration.ofMinutes(10).toMillis() - 5_000,
                Duration.ofMinutes(10).toMillis() + 5_000);
        JsonObject event = firstAdminEvent(api.events("fra"));
        assertThat(event.getString("from")).isEqualTo("ACTIVE");
        assertThat(event.getString("to")).isEqualTo("DRAIN");
        assertThat(event.getString("by")).isEqualTo("api");
        assertThat(event.getString("reason")).isEqualTo("kernel update");
        assertThat(Instant.parse(event.getString("until")).toEpochMilli()).isEqualTo(override.getLong("untilMillis"));

        // undrain: fra is answered for clientA again
        Cli undrain = cli("site", "undrain", "fra");
        assertThat(undrain.code).as(undrain.text()).isZero();
        assertThat(undrain.out).startsWith("fra: DRAIN -> ACTIVE, by api");
        dns.awaitA(CLIENT_A, List.of(FRA_1.address()), Duration.ofSeconds(10), api);
        assertThat(site(api.status(), "fra").getString("adminState")).isEqualTo("ACTIVE");
    }

    @Test
    void theLastActiveSiteGoesOnlyWithForce() throws Exception {
        // every site serving first: only then is each one not the last
        LAB.dns().awaitA(CLIENT_A, List.of(FRA_1.address()), CONVERGE, LAB.api());
        LAB.dns().awaitA(CLIENT_B, List.of(NYC_1.address()), CONVERGE, LAB.api());
        LAB.dns().awaitA(LabPlan.CLIENT_C, List.of(SIN_1.address()), CONVERGE, LAB.api());
        try {
            Cli nyc = cli("site", "disable", "nyc");
            assertThat(nyc.code).as(nyc.text()).isZero();
            Cli sin = cli("site", "disable", "sin");
            assertThat(sin.code).as(sin.text()).isZero();
            Cli refused = cli("site", "drain", "fra", "--for", "5m");
            assertThat(refused.code).as(refused.text()).isEqualTo(1);
            assertThat(refused.err).contains("fra is the last active site serving", "(--force)");
            assertThat(post("/api/v1/sites/fra/drain?for=5m").statusCode()).isEqualTo(409);
            assertThat(site(LAB.api().status(), "fra").getString("adminState")).isEqualTo("ACTIVE");

            Cli forced = cli("site", "drain", "fra", "--for", "5m", "--force");
            assertThat(forced.code).as(forced.text()).isZero();
            assertThat(forced.out).contains("(forced: it was the last active site of a service)");
            // drained but alone: still answered, as nothing else is active
            assertThat(LabDns.addresses(LAB.dns().a(CLIENT_A))).containsExactly(FRA_1.address());
        } finally {
            cli("site", "undrain", "fra");
            cli("site", "enable", "nyc");
            cli("site", "enable", "sin");
        }
        assertThat(LAB.api().status().getJsonArray("sites").stream()
                .map(o -> ((JsonObject) o).getString("adminState"))).containsOnly("ACTIVE");
    }

    @Test
    void badRequestsAreRefusedWithTheReasonAndChangeNothing() throws Exception {
        record Case(String path, int status, String error) { }
        List<Case> cases = List.of(
                new Case("/api/v1/sites/fra/explode", 400, "action: 'explode' is not one of drain, undrain, disable, enable"),
                new Case("/api/v1/sites/fra/drain", 400, "a drain needs an end time (until)"),
                new Case("/api/v1/sites/fra/drain?until=2020-01-01T00:00:00Z", 400, "the drain's end time is not in the future"),
                new Case("/api/v1/sites/fra/drain?until=tomorrow", 400, "until: 'tomorrow' is not an ISO-8601 instant"),
                new Case("/api/v1/sites/fra/drain?for=soon", 400, "for: 'soon' is not a duration such as 30m or 2h"),
                new Case("/api/v1/sites/fra/drain?for=31d", 400, "a drain may last at most 30 days"),
                new Case("/api/v1/sites/fra/drain?for=1h&until=2030-01-01T00:00:00Z", 400, "give until or for, not both"),
                new Case("/api/v1/sites/fra/disable?for=1h", 400, "only a drain takes an end time; disable does not"),
                new Case("/api/v1/sites/fra/disable?force=maybe", 400, "force: 'maybe' is not true or false"),
                new Case("/api/v1/sites/ams/disable", 404, "no site ams"),
                new Case("/api/v1/sites/ams/disable/preview", 404, "no site ams"));
        for (Case c : cases) {
            HttpResponse<String> r = post(c.path());
            assertThat(r.statusCode()).as(c.path() + " " + r.body()).isEqualTo(c.status());
            assertThat(new JsonObject(r.body()).getString("error")).as(c.path()).startsWith(c.error());
        }
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(uri("/api/v1/sites/fra/disable"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
        HttpResponse<String> getInstead = http.send(HttpRequest.newBuilder(uri("/api/v1/sites/fra/disable"))
                .header("Authorization", "Bearer " + LAB.lab().adminToken()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(getInstead.statusCode()).as("an action needs POST").isIn(404, 405);
        assertThat(LAB.api().status().getJsonArray("sites").stream()
                .map(o -> ((JsonObject) o).getString("adminState"))).containsOnly("ACTIVE");
        assertThat(firstAdminEventOrNull(LAB.api().events("ams"))).isNull();
    }

    private long awaitAddressesNot(ClientNetwork n, String address, Duration timeout) {
        org.awaitility.Awaitility.await(n + " answered without " + address).atMost(timeout)
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    List<String> now = LabDns.addresses(LAB.dns().a(n));
                    return !now.isEmpty() && !now.contains(address);
                });
        return System.currentTimeMillis();
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + LAB.lab().adminToken())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + LAB.lab().dns().adminPort() + path);
    }

    private static JsonObject site(JsonObject status, String id) {
        return status.getJsonArray("sites").stream().map(o -> (JsonObject) o)
                .filter(s -> id.equals(s.getString("site"))).findFirst().orElseThrow();
    }

    private static JsonObject firstAdminEvent(JsonArray events) {
        JsonObject e = firstAdminEventOrNull(events);
        assertThat(e).as("an admin event in %s", events.encodePrettily()).isNotNull();
        return e;
    }

    private static JsonObject firstAdminEventOrNull(JsonArray events) {
        return events.stream().map(o -> (JsonObject) o).filter(e -> "admin".equals(e.getString("type"))).findFirst()
                .orElse(null);
    }

    private record Cli(int code, String out, String err) {
        String text() {
            return "exit " + code + "\n" + out + err;
        }
    }

    private static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new GslbCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        // the lab starts the server with --admin-listen, so the config's admin.listen is not where it listens
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--admin";
        all[args.length + 1] = "127.0.0.1:" + LAB.lab().dns().adminPort();
        all[args.length + 2] = "--token-file";
        all[args.length + 3] = LAB.lab().dir().resolve("admin.token").toString();
        int code = cli.execute(all);
        return new Cli(code, out.toString(), err.toString());
    }
}
