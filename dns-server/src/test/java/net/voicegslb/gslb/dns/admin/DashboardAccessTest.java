package net.voicegslb.gslb.dns.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.voicegslb.gslb.dns.config.AdminConfig;
import net.voicegslb.gslb.dns.dashboard.DashboardUser;
import net.voicegslb.gslb.dns.dashboard.DashboardUsers;
import net.voicegslb.gslb.dns.dashboard.LoginThrottle;
import net.voicegslb.gslb.dns.dashboard.Role;
import net.voicegslb.gslb.dns.dashboard.SessionStore;
import net.voicegslb.gslb.policy.admin.AdminChange;
import net.voicegslb.gslb.policy.admin.AdminPreview;
import net.voicegslb.gslb.policy.admin.AdminRequest;
import net.voicegslb.gslb.policy.model.AdminState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The dashboard's access rules over a real socket: login and its throttle, the session cookie's
 * flags, CSRF on every change, roles, logout, the live stream, security headers, and that the
 * bearer token still works for scripts.
 */
class DashboardAccessTest {

    private static final String TOKEN = "test-admin-token-0123456789";
    // cost 4: the tests log in often; the hash carries its cost, production hashes use 12
    private static final BCryptPasswordEncoder FAST = new BCryptPasswordEncoder(4);
    private static final String VIEWER_PW = "viewer password 1";
    private static final String OPERATOR_PW = "operator password 1";
    private static final String ADMIN_PW = "admin password 1";

    /** Records the requests it applies; every site but fra is unknown. */
    private static final class FakeActions implements SiteActions {
        final List<AdminRequest> applied = Collections.synchronizedList(new ArrayList<>());

        @Override
        public boolean hasSite(String siteId) {
            return siteId.equals("fra");
        }

        @Override
        public AdminPreview preview(AdminRequest request) {
            return new AdminPreview(request, AdminState.ACTIVE, null, List.of(), false);
        }

        @Override
        public AdminChange apply(AdminRequest request) {
            applied.add(request);
            return new AdminChange(request.siteId(), AdminState.ACTIVE, request.action().target(), request.by(),
                    request.reason(), nowMillis(), request.untilMillis(), false);
        }

        @Override
        public long nowMillis() {
            return System.currentTimeMillis();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FakeActions actions = new FakeActions();
    private final AtomicReference<DashboardUsers> users = new AtomicReference<>();
    private final AtomicReference<Map<String, Object>> status = new AtomicReference<>(
            Map.of("atMillis", 1L, "sites", List.of(Map.of("site", "fra", "state", "UP"))));
    private SessionStore sessions;
    private AdminServer server;

    @BeforeEach
    void start() throws Exception {
        users.set(DashboardUsers.of(List.of(new DashboardUser("vera", Role.VIEWER, FAST.encode(VIEWER_PW)),
                new DashboardUser("otto", Role.OPERATOR, FAST.encode(OPERATOR_PW)),
                new DashboardUser("ada", Role.ADMIN, FAST.encode(ADMIN_PW)))));
        sessions = new SessionStore();
        AdminApi api = AdminApi.none().withStatus(status::get).withSites(actions).withData(new DashboardData() {
            @Override
            public Map<String, Object> heatMap(String service, int limit, String search) {
                if (service != null && !service.equals("voip.example.test")) {
                    throw new IllegalArgumentException("no service " + service);
                }
                return Map.of("service", "voip.example.test", "limit", limit, "search", search == null ? "" : search);
            }

            @Override
            public Map<String, Object> siteHistory() {
                return Map.of("stepMillis", 10_000, "t", List.of(1L));
            }

            @Override
            public Map<String, Object> prefixHistory(net.voicegslb.gslb.policy.model.ClientPrefix prefix) {
                return prefix.toString().equals("198.51.100.0/24") ? Map.of("prefix", prefix.toString()) : null;
            }
        });
        AdminConfig config = new AdminConfig(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Path.of("x"));
        server = AdminServer.start(config, TOKEN.getBytes(StandardCharsets.UTF_8),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> new ReloadResult(true, "ok"), () -> "ok\n",
                api, users::get, sessions);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> login(String user, String password, String origin) throws Exception {
        String form = "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/ui/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The session cookie ("name=value") of a successful login. */
    private String cookieOf(String user, String password) throws Exception {
        HttpResponse<String> r = login(user, password, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private String csrf(String cookie) throws Exception {
        return new JsonObject(get("/api/v1/session", cookie).body()).getString("csrf");
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, String csrf) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDashboardNeedsALoginAndTheLoginPageNeedsNone() throws Exception {
        HttpResponse<String> page = get("/ui/", null);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue("/ui/login");
        HttpResponse<String> login = get("/ui/login", null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<form method=\"post\" action=\"/ui/login\"").doesNotContain("{{message}}");
        assertThat(get("/api/v1/status", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/stream", null).statusCode()).isEqualTo(401);
    }

    @Test
    void everyAnswerCarriesAStrictContentSecurityPolicy() throws Exception {
        for (String path : List.of("/ui/login", "/ui/", "/ui/assets/app.js", "/api/v1/status", "/metrics")) {
            HttpResponse<String> r = get(path, null);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'",
                            "default-src 'none'").doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:"));
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        }
        // the pages hold no inline script: every <script> has a src on this server
        String index = get("/ui/", cookieOf("vera", VIEWER_PW)).body();
        assertThat(index).containsPattern("<script src=\"/ui/assets/app.js\"").doesNotContainPattern("<script>")
                .doesNotContain("onclick=", "onload=", "http://", "https://");
    }

    @Test
    void aGoodLoginSetsAStrictHttpOnlyCookieAndABadOneIsRefused() throws Exception {
        HttpResponse<String> bad = login("otto", "wrong password", null);
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.body()).contains("Wrong user name or password.");
        assertThat(bad.headers().firstValue("Set-Cookie")).isEmpty();
        HttpResponse<String> unknown = login("mallory", "whatever", null);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).contains("Wrong user name or password.");

        HttpResponse<String> good = login("otto", OPERATOR_PW, null);
        assertThat(good.statusCode()).isEqualTo(303);
        assertThat(good.headers().firstValue("Location")).hasValue("/ui/");
        String cookie = good.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("gslb_session=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict", "Path=/");
        JsonObject session = new JsonObject(get("/api/v1/session", cookie.split(";")[0]).body());
        assertThat(session.getString("user")).isEqualTo("otto");
        assertThat(session.getString("role")).isEqualTo("operator");
        assertThat(session.getString("csrf")).hasSizeGreaterThan(30);
    }

    @Test
    void aLoginFormPostedFromAnotherOriginIsRefused() throws Exception {
        assertThat(login("otto", OPERATOR_PW, "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(login("otto", OPERATOR_PW, "http://127.0.0.1:" + server.port()).statusCode()).isEqualTo(303);
    }

    @Test
    void guessingIsThrottledPerSourceAndName() throws Exception {
        for (int i = 0; i < LoginThrottle.PER_USER_AND_SOURCE; i++) {
            assertThat(login("otto", "guess " + i, null).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> refused = login("otto", OPERATOR_PW, null);
        assertThat(refused.statusCode()).as("even the right password, once throttled").isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("Too many failed logins");
        // another user from the same source is not locked out by the guesses at otto
        assertThat(login("vera", VIEWER_PW, null).statusCode()).isEqualTo(303);
    }

    @Test
    void anActionWithTheCookieButWithoutTheCsrfTokenIsRefused() throws Exception {
        String cookie = cookieOf("otto", OPERATOR_PW);
        HttpResponse<String> forged = post("/api/v1/sites/fra/disable?reason=forged", cookie, null);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(forged.body()).getString("error")).contains("CSRF");
        HttpResponse<String> wrong = post("/api/v1/sites/fra/disable", cookie, "not-the-token");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(actions.applied).isEmpty();

        HttpResponse<String> ok = post("/api/v1/sites/fra/disable?reason=maintenance", cookie, csrf(cookie));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(actions.applied).hasSize(1);
        assertThat(actions.applied.get(0).by()).as("recorded under the user's name").isEqualTo("otto");
    }

    @Test
    void aViewerMayLookAndPreviewButNotAct() throws Exception {
        String cookie = cookieOf("vera", VIEWER_PW);
        String csrf = csrf(cookie);
        assertThat(get("/api/v1/status", cookie).statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/sites/fra/drain/preview?for=10m", cookie, csrf).statusCode()).isEqualTo(200);
        HttpResponse<String> drain = post("/api/v1/sites/fra/drain?for=10m", cookie, csrf);
        assertThat(drain.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(drain.body()).getString("error")).isEqualTo(
                "role viewer may not change a site's state (needs operator)");
        assertThat(actions.applied).isEmpty();
        assertThat(get("/api/v1/users", cookie).statusCode()).isEqualTo(403);
    }

    @Test
    void onlyAnAdminSeesTheUsersAndNeverTheirHashes() throws Exception {
        assertThat(get("/api/v1/users", cookieOf("otto", OPERATOR_PW)).statusCode()).isEqualTo(403);
        HttpResponse<String> r = get("/api/v1/users", cookieOf("ada", ADMIN_PW));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"user\":\"vera\"", "\"role\":\"viewer\"").doesNotContain("$2a$");
    }

    @Test
    void theBearerTokenStillWorksForScriptsAndActsAsApi() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(uri("/api/v1/sites/fra/disable"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(actions.applied.get(0).by()).isEqualTo("api");
        // a wrong token is not rescued by a valid cookie
        HttpRequest both = HttpRequest.newBuilder(uri("/api/v1/status")).header("Authorization", "Bearer nope")
                .header("Cookie", cookieOf("otto", OPERATOR_PW)).GET().build();
        assertThat(http.send(both, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void logoutNeedsTheCsrfTokenAndEndsTheSession() throws Exception {
        String cookie = cookieOf("otto", OPERATOR_PW);
        HttpRequest forged = HttpRequest.newBuilder(uri("/ui/logout")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=nope")).build();
        assertThat(http.send(forged, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/status", cookie).statusCode()).isEqualTo(200);

        HttpRequest logout = HttpRequest.newBuilder(uri("/ui/logout")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf(cookie))).build();
        HttpResponse<String> out = http.send(logout, HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(get("/api/v1/status", cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void aReloadThatTakesARoleAwayEndsThatUsersSessions() throws Exception {
        String otto = cookieOf("otto", OPERATOR_PW);
        String vera = cookieOf("vera", VIEWER_PW);
        DashboardUsers next = DashboardUsers.of(List.of(users.get().get("vera"),
                new DashboardUser("otto", Role.VIEWER, users.get().get("otto").passwordHash())));
        users.set(next);
        server.usersChanged(next);
        assertThat(get("/api/v1/status", otto).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/status", vera).statusCode()).isEqualTo(200);
    }

    @Test
    void theLiveStreamPushesTheStatusAndItsChanges() throws Exception {
        String cookie = cookieOf("vera", VIEWER_PW);
        HttpRequest req = HttpRequest.newBuilder(uri("/api/v1/stream")).header("Cookie", cookie).GET().build();
        HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertThat(nextData(in, "status")).contains("\"state\":\"UP\"");
            status.set(Map.of("atMillis", 2L, "sites", List.of(Map.of("site", "fra", "state", "DOWN"))));
            assertThat(nextData(in, "status")).contains("\"state\":\"DOWN\"");
            // a session that ends is told so on its stream
            sessions.end(cookie.substring(cookie.indexOf('=') + 1));
            assertThat(nextEvent(in)).isEqualTo("logout");
        }
    }

    /** The data line of the next event called {@code name}, within 5 s. */
    private static String nextData(BufferedReader in, String name) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                boolean inEvent = false;
                while ((line = in.readLine()) != null) {
                    if (line.equals("event: " + name)) {
                        inEvent = true;
                    } else if (inEvent && line.startsWith("data: ")) {
                        return line.substring(6);
                    }
                }
                return null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(5, TimeUnit.SECONDS);
    }

    private static String nextEvent(BufferedReader in) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("event: ") && !line.equals("event: status") && !line.equals("event: events")) {
                        return line.substring(7);
                    }
                }
                return null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void staticFilesRevalidateWithAnEtag() throws Exception {
        HttpResponse<String> first = get("/ui/assets/app.js", null);
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpRequest again = HttpRequest.newBuilder(uri("/ui/assets/app.js")).header("If-None-Match", etag).GET().build();
        assertThat(http.send(again, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(304);
        assertThat(get("/ui/assets/../../etc/passwd", null).statusCode()).isIn(400, 404);
        assertThat(get("/ui/assets/nothing.js", null).statusCode()).isEqualTo(404);
    }

    @Test
    void theHeatMapAndHistoryRoutesCheckTheirInputAndNeedALogin() throws Exception {
        assertThat(get("/api/v1/heatmap", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/history", null).statusCode()).isEqualTo(401);
        String cookie = cookieOf("vera", VIEWER_PW);
        HttpResponse<String> ok = get("/api/v1/heatmap?limit=25&search=198.51", cookie);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(ok.body()).getInteger("limit")).isEqualTo(25);
        assertThat(new JsonObject(ok.body()).getString("search")).isEqualTo("198.51");
        record Case(String path, int status, String error) { }
        for (Case c : List.of(
                new Case("/api/v1/heatmap?limit=0", 400, "limit: '0' is not a whole number from 1 to 500"),
                new Case("/api/v1/heatmap?limit=many", 400, "limit: 'many' is not a whole number from 1 to 500"),
                new Case("/api/v1/heatmap?search=" + "x".repeat(65), 400, "search: longer than 64 characters"),
                new Case("/api/v1/heatmap?service=fax.example.test", 404, "no service fax.example.test"),
                new Case("/api/v1/history?prefix=not-a-network", 400, "prefix: 'not-a-network' is not a network"),
                new Case("/api/v1/history?prefix=203.0.113.0/24", 404, "no history of 203.0.113.0/24"))) {
            HttpResponse<String> r = get(c.path(), cookie);
            assertThat(r.statusCode()).as(c.path()).isEqualTo(c.status());
            assertThat(new JsonObject(r.body()).getString("error")).as(c.path()).startsWith(c.error());
        }
        assertThat(get("/api/v1/history", cookie).body()).contains("\"stepMillis\":10000");
        assertThat(get("/api/v1/history?prefix=198.51.100.0/24", cookie).statusCode()).isEqualTo(200);
    }

    @Test
    void anOversizedLoginFormIsRefusedBeforeAnyPasswordIsChecked() throws Exception {
        String form = "user=otto&password=" + "x".repeat(8_000);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/ui/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void liveStreamsAreCappedAndAClosedOneFreesItsPlace() throws Exception {
        String cookie = cookieOf("vera", VIEWER_PW);
        List<InputStream> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < LiveFeed.MAX_SUBSCRIBERS; i++) {
                // one client per stream: each holds its own connection, as each browser tab does
                HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpResponse<InputStream> r = c.send(HttpRequest.newBuilder(uri("/api/v1/stream"))
                        .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                assertThat(r.statusCode()).as("stream %d", i).isEqualTo(200);
                open.add(r.body());
            }
            HttpResponse<String> refused = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(uri("/api/v1/stream")).header("Cookie", cookie).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("too many live streams open (64)");
            open.remove(0).close(); // closing the body closes that stream's connection
            org.awaitility.Awaitility.await("a closed stream frees its place").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        HttpResponse<InputStream> again = HttpClient.newBuilder()
                                .version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                                        uri("/api/v1/stream")).header("Cookie", cookie).GET().build(),
                                        HttpResponse.BodyHandlers.ofInputStream());
                        again.body().close();
                        return again.statusCode() == 200;
                    });
        } finally {
            for (InputStream in : open) {
                in.close();
            }
        }
    }
}
